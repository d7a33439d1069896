import path from 'node:path';
import { secretBoxFromKeyFile, type SecretBox } from '../../platform/crypto/secret-box.js';
import type { DeskServices } from '../context.js';

const boxes = new WeakMap<DeskServices, SecretBox>();

/** The box sealing Desk's stored secrets, keyed by `<dataDir>/secret.key` (created on first use). */
export function secretBoxOf(services: DeskServices): SecretBox {
  let box = boxes.get(services);
  if (!box) {
    box = secretBoxFromKeyFile(path.join(services.config.dataDir, 'secret.key'));
    boxes.set(services, box);
  }
  return box;
}
