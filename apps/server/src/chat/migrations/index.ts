import type { Migration } from 'kysely';
import * as core from './20261124T0900-chat-core.js';
import * as domain from './20261124T0910-chat-domain.js';
import * as usersIdentity from './20261124T0920-users-identity-default-site.js';
import * as agentsLoginFailures from './20261124T0945-agents-login-failures.js';
import * as conversationsResolvedAgent from './20261124T0950-conversations-resolved-agent.js';
import * as webhooksJobs from './20261124T1000-webhooks-jobs.js';
import * as widgetSessionsFiles from './20261124T1100-widget-sessions-files.js';
import * as faq from './20261124T1200-faq.js';
import * as siteWidgetSettings from './20261124T1300-site-widget-settings.js';
import * as helpdeskConnection from './20261124T1400-helpdesk-connection.js';
import * as agentInvitations from './20261124T1405-agent-invitations.js';
import * as helpdeskConversion from './20261124T1410-helpdesk-conversion.js';
import * as helpdeskFaqImport from './20261124T1420-helpdesk-faq-import.js';
import * as webhookDeliveryJobs from './20261124T1510-webhook-delivery-jobs.js';

/** Chat's migrations in order. Landed migrations are frozen: add a new file, never edit one. */
export const chatMigrations: Record<string, Migration> = {
  '20261124T0900-chat-core': core,
  '20261124T0910-chat-domain': domain,
  '20261124T0920-users-identity-default-site': usersIdentity,
  '20261124T0945-agents-login-failures': agentsLoginFailures,
  '20261124T0950-conversations-resolved-agent': conversationsResolvedAgent,
  '20261124T1000-webhooks-jobs': webhooksJobs,
  '20261124T1100-widget-sessions-files': widgetSessionsFiles,
  '20261124T1200-faq': faq,
  '20261124T1300-site-widget-settings': siteWidgetSettings,
  '20261124T1400-helpdesk-connection': helpdeskConnection,
  '20261124T1405-agent-invitations': agentInvitations,
  '20261124T1410-helpdesk-conversion': helpdeskConversion,
  '20261124T1420-helpdesk-faq-import': helpdeskFaqImport,
  '20261124T1510-webhook-delivery-jobs': webhookDeliveryJobs,
};
