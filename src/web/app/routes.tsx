import type { RouteObject } from 'react-router';
import { AdminAccountsPage } from '../pages/admin/admin-accounts.page.js';
import { AdminDashboardPage } from '../pages/admin/admin-dashboard.page.js';
import { AgentDashboardPage } from '../pages/agent/agent-dashboard.page.js';
import { RegisterPage } from '../pages/auth/register.page.js';
import { SignInPage } from '../pages/auth/sign-in.page.js';
import { CustomerDashboardPage } from '../pages/customer/customer-dashboard.page.js';
import { GuestOnly, HomeRedirect, NotFoundInShell, NotFoundRoute, RequireRole } from './guards.js';
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
        ],
      },
      {
        path: 'customer',
        element: <RequireRole role="customer" />,
        children: [
          { index: true, element: <CustomerDashboardPage /> },
          { path: '*', element: <NotFoundInShell /> },
        ],
      },
      {
        path: 'agent',
        element: <RequireRole role="agent" />,
        children: [
          { index: true, element: <AgentDashboardPage /> },
          { path: '*', element: <NotFoundInShell /> },
        ],
      },
      {
        path: 'admin',
        element: <RequireRole role="admin" />,
        children: [
          { index: true, element: <AdminDashboardPage /> },
          { path: 'accounts', element: <AdminAccountsPage /> },
          { path: '*', element: <NotFoundInShell /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
