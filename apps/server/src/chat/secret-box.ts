import path from 'node:path';
import {
  openWithKey,
  sealWithKey,
  secretBoxFromKeyFile,
  type SecretBox,
} from '../platform/crypto/secret-box.js';
import type { ChatServices } from './context.js';

const boxes = new WeakMap<ChatServices, SecretBox>();

/**
 * The one box sealing Chat's secrets at rest (identity secret, helpdesk API key, webhook secrets): keyed by
 * CHAT_SECRET_KEY when set, else by `<dataDir>/secret.key` (created on first use).
 */
export function secretBoxOf(services: ChatServices): SecretBox {
  let box = boxes.get(services);
  if (!box) {
    const key = services.config.secretKey;
    box = key
      ? {
          seal: async (plaintext) => sealWithKey(key, plaintext),
          open: async (sealed) => openWithKey(key, sealed),
        }
      : secretBoxFromKeyFile(path.join(services.config.dataDir, 'secret.key'));
    boxes.set(services, box);
  }
  return box;
}
