import { validationError, type FieldError } from '../../../platform/http/errors.js';
import type { MessagePart } from '../../conversations/index.js';
import type { ChatDb } from '../../db.js';
import { filePart, findChatFileByUrl } from '../../files/index.js';
import type { WidgetPart } from '../widget.schemas.js';

/**
 * The parts as they will be stored. Images and files must be this Chat's uploads (named by
 * their download URL): a visitor cannot make agents' browsers load an outside URL (tracking,
 * phishing), and the name, size and type come from the stored file, not from the client.
 */
export async function checkWidgetParts(
  db: ChatDb,
  parts: WidgetPart[],
  baseUrl: string,
): Promise<MessagePart[]> {
  const errors: FieldError[] = [];
  const checked: MessagePart[] = [];
  for (const part of parts) {
    if (part.text) {
      checked.push({ text: part.text });
      continue;
    }
    const asImage = part.image !== undefined;
    const url = (part.image ?? part.file)!.url;
    const row = await findChatFileByUrl(db, url, baseUrl);
    if (!row) {
      errors.push({
        field: `message_parts.${asImage ? 'image' : 'file'}.url`,
        code: 'invalid_value',
        message: 'It should be the url of a file uploaded with POST /v2/widget/files/upload',
      });
    } else if (asImage && row.kind !== 'image') {
      errors.push({
        field: 'message_parts.image.url',
        code: 'invalid_value',
        message: 'It should be the url of an uploaded image (this file is not one)',
      });
    } else {
      checked.push(filePart(row, baseUrl, asImage ? 'image' : 'file') as MessagePart);
    }
  }
  if (errors.length) throw validationError(errors);
  return checked;
}
