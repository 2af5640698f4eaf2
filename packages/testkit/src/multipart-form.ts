/** One part of a `multipart/form-data` body. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Parses a `multipart/form-data` body; undefined when the content type has no boundary. */
export function parseMultipartForm(body: Buffer, contentType: string | undefined): FormPart[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return undefined;
  const delimiter = Buffer.from(`--${marker}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const chunk = body.subarray(start + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined) {
        const part: FormPart = { name, data: Buffer.from(chunk.subarray(headerEnd + 4)) };
        const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
        if (filename !== undefined) part.filename = filename;
        const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1];
        if (type) part.contentType = type.trim();
        parts.push(part);
      }
    }
    position = next;
  }
  return parts;
}
