import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { ChatServices } from '../context.js';
import { secretBoxOf } from '../secret-box.js';

/** The box sealing webhook secrets: Chat's one secret box (CHAT_SECRET_KEY or the key file). */
export const webhookSecretBox = (services: ChatServices): SecretBox => secretBoxOf(services);
