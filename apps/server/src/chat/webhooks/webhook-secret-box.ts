import path from 'node:path';
import { secretBoxFromKeyFile, type SecretBox } from '../../platform/crypto/secret-box.js';
import type { ChatServices } from '../context.js';

const boxes = new WeakMap<ChatServices, SecretBox>();

/** The box sealing webhook secrets; the same key file as Chat's other secrets. */
export function webhookSecretBox(services: ChatServices): SecretBox {
  let box = boxes.get(services);
  if (!box) {
    box = secretBoxFromKeyFile(path.join(services.config.dataDir, 'secret.key'));
    boxes.set(services, box);
  }
  return box;
}
