import type { RouteObject } from 'react-router';
import { AdminAccountsPage } from '../pages/admin/admin-accounts.page.js';
import { AdminAgentsPage } from '../pages/admin/admin-agents.page.js';
import { AdminCategoriesPage } from '../pages/admin/admin-categories.page.js';
import { AdminDashboardPage } from '../pages/admin/admin-dashboard.page.js';
import { AdminAuditPage } from '../pages/admin/admin-audit.page.js';
import { AdminMailPage } from '../pages/admin/admin-mail.page.js';
import { AdminRequestsPage } from '../pages/admin/admin-requests.page.js';
import { AdminSettingsPage } from '../pages/admin/admin-settings.page.js';
import { AdminServiceLevelsPage } from '../pages/admin/admin-service-levels.page.js';
import { AdminTicketsPage } from '../pages/admin/admin-tickets.page.js';
import { AdminUnassignedPage } from '../pages/admin/admin-unassigned.page.js';
import { AdminWorkloadPage } from '../pages/admin/admin-workload.page.js';
import { AdminReportsPage } from '../pages/admin/reports/admin-reports.page.js';
import { AgentDashboardPage } from '../pages/agent/agent-dashboard.page.js';
import { AgentUnassignedPage } from '../pages/agent/agent-unassigned.page.js';
import { AuthenticatorPage } from '../pages/account/authenticator.page.js';
import { DevicesPage } from '../pages/account/devices.page.js';
import { NotificationsPage } from '../pages/account/notifications.page.js';
import { SessionsPage } from '../pages/account/sessions.page.js';
import { ConfirmEmailPage } from '../pages/auth/confirm-email.page.js';
import { ForgotPasswordPage } from '../pages/auth/forgot-password.page.js';
import { InvitationPage } from '../pages/auth/invitation.page.js';
import { JoinPage } from '../pages/auth/join.page.js';
import { RegisterPage } from '../pages/auth/register.page.js';
import { ResetPasswordPage } from '../pages/auth/reset-password.page.js';
import { SignInPage } from '../pages/auth/sign-in.page.js';
import { UnsubscribePage } from '../pages/auth/unsubscribe.page.js';
import { CustomerDashboardPage } from '../pages/customer/customer-dashboard.page.js';
import { CustomerTicketsPage } from '../pages/customer/customer-tickets.page.js';
import { NewTicketPage } from '../pages/customer/new-ticket.page.js';
import { TicketPage } from '../pages/tickets/ticket.page.js';
import { CannedResponsesPage } from '../pages/canned/canned-responses.page.js';
import { SavedFiltersPage } from '../pages/saved-filters/saved-filters.page.js';
import {
  GuestOnly,
  HomeRedirect,
  NotFoundInShell,
  NotFoundRoute,
  OnlyForRole,
  RequireRole,
  RequireSignedIn,
} from './guards.js';
import { RootLayout } from './root-layout.js';
import { RouteErrorPage } from './route-error.js';

/** Every page of the app; main.tsx serves them from the browser's address, tests from memory. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        element: <GuestOnly />,
        children: [
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'register', element: <RegisterPage /> },
          { path: 'join', element: <JoinPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
        ],
      },
      // Not guest-only: the token is in the address's #fragment, which a redirect would lose.
      { path: 'invitation', element: <InvitationPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'unsubscribe', element: <UnsubscribePage /> },
      { path: 'confirm-email', element: <ConfirmEmailPage /> },
      {
        // The signed-in user's own account, in their role's shell.
        path: 'account',
        element: <RequireSignedIn />,
        children: [
          { path: 'sessions', element: <SessionsPage /> },
          { path: 'devices', element: <DevicesPage /> },
          { path: 'authenticator', element: <AuthenticatorPage /> },
          {
            element: <OnlyForRole role="customer" />,
            children: [{ path: 'notifications', element: <NotificationsPage /> }],
          },
          { path: '*', element: <NotFoundInShell /> },
        ],
      },
      {
        path: 'customer',
        element: <RequireRole role="customer" />,
        children: [
          { index: true, element: <CustomerDashboardPage /> },
          { path: 'tickets', element: <CustomerTicketsPage /> },
          { path: 'tickets/new', element: <NewTicketPage /> },
          { path: 'tickets/:reference', element: <TicketPage /> },
          { path: '*', element: <NotFoundInShell /> },
        ],
      },
      {
        path: 'agent',
        element: <RequireRole role="agent" />,
        children: [
          { index: true, element: <AgentDashboardPage /> },
          { path: 'unassigned', element: <AgentUnassignedPage /> },
          { path: 'tickets', element: <AgentDashboardPage /> },
          { path: 'tickets/:reference', element: <TicketPage backTo="/agent" /> },
          { path: 'canned-responses', element: <CannedResponsesPage /> },
          { path: 'saved-filters', element: <SavedFiltersPage /> },
          { path: '*', element: <NotFoundInShell /> },
        ],
      },
      {
        path: 'admin',
        element: <RequireRole role="admin" />,
        children: [
          { index: true, element: <AdminDashboardPage /> },
          { path: 'tickets', element: <AdminTicketsPage /> },
          { path: 'tickets/:reference', element: <TicketPage /> },
          { path: 'unassigned', element: <AdminUnassignedPage /> },
          { path: 'requests', element: <AdminRequestsPage /> },
          { path: 'agents', element: <AdminAgentsPage /> },
          { path: 'categories', element: <AdminCategoriesPage /> },
          { path: 'workload', element: <AdminWorkloadPage /> },
          { path: 'reports', element: <AdminReportsPage /> },
          { path: 'accounts', element: <AdminAccountsPage /> },
          { path: 'mail', element: <AdminMailPage /> },
          { path: 'audit', element: <AdminAuditPage /> },
          { path: 'settings', element: <AdminSettingsPage /> },
          { path: 'service-levels', element: <AdminServiceLevelsPage /> },
          { path: 'canned-responses', element: <CannedResponsesPage /> },
          { path: 'saved-filters', element: <SavedFiltersPage /> },
          { path: '*', element: <NotFoundInShell /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
