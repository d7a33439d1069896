import type { FileRow } from './file.repository.js';

/** The public download URL of a file: the id is the capability, the name only for people. */
export const fileUrl = (baseUrl: string, row: Pick<FileRow, 'id' | 'name'>) =>
  `${baseUrl}/v2/files/${row.id}/${encodeURIComponent(row.name)}`;

/** A message part for the file (chat-v2.md B4): `image{url}` or `file{url,name,size,type}`. */
export function filePart(row: FileRow, baseUrl: string, as: 'image' | 'file') {
  const url = fileUrl(baseUrl, row);
  if (as === 'image') return { image: { url } };
  return {
    file: {
      url,
      name: row.name,
      file_size_in_bytes: Number(row.size_bytes),
      content_type: row.content_type,
    },
  };
}

/** An upload's answer: its id and the part to put in a message. */
export function presentUpload(row: FileRow, baseUrl: string, as: 'image' | 'file') {
  return { id: row.id, ...filePart(row, baseUrl, as) };
}
