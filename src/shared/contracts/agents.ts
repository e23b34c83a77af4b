import { Type, type Static } from 'typebox';
import { LANGUAGES } from '../languages.js';
import { EMAIL_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth.js';
import { pageQuery, Timestamp, Nullable } from './common.js';

const Uuid = Type.String({ format: 'uuid' });
const CategoryIds = Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true });
const Languages = Type.Array(Type.Enum([...LANGUAGES]), {
  minItems: 1,
  maxItems: LANGUAGES.length,
  uniqueItems: true,
});
const FullName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Email = Type.String({ pattern: EMAIL_PATTERN, minLength: 3, maxLength: 254 });

export const AGENT_STATUSES = ['pending', 'active', 'rejected', 'deactivated'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** The public "ask to join" form: the account waits for an admin. */
export const AgentRequestBody = Type.Object(
  {
    fullName: FullName,
    email: Email,
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    passwordConfirmation: Type.String({ maxLength: PASSWORD_MAX_LENGTH }),
    categoryIds: CategoryIds,
    languages: Languages,
  },
  { additionalProperties: false },
);
export type AgentRequestBody = Static<typeof AgentRequestBody>;

export const AgentView = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  email: Type.String(),
  status: Type.Enum([...AGENT_STATUSES]),
  categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  languages: Type.Array(Type.Enum([...LANGUAGES])),
  createdAt: Timestamp,
});
export type AgentView = Static<typeof AgentView>;

export const AgentPage = Type.Object({
  items: Type.Array(AgentView),
  nextCursor: Nullable(Type.String()),
});
export type AgentPage = Static<typeof AgentPage>;

export const ListAgentsQuery = pageQuery({ status: Type.Optional(Type.Enum([...AGENT_STATUSES])) });
export type ListAgentsQuery = Static<typeof ListAgentsQuery>;

export const CreateAgentBody = Type.Object(
  { fullName: FullName, email: Email, categoryIds: CategoryIds, languages: Languages },
  { additionalProperties: false },
);
export type CreateAgentBody = Static<typeof CreateAgentBody>;

/** The invitation link is shown to the admin now (and emailed once email delivery exists). */
export const CreatedAgent = Type.Object({ agent: AgentView, invitationUrl: Type.String() });
export type CreatedAgent = Static<typeof CreatedAgent>;

export const UpdateAgentBody = Type.Object(
  { categoryIds: Type.Optional(CategoryIds), languages: Type.Optional(Languages) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAgentBody = Static<typeof UpdateAgentBody>;

export const AcceptInvitationBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    passwordConfirmation: Type.String({ maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;
