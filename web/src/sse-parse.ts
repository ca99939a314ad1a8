// Splitting a Server-Sent Events text stream into messages (pure: also run by the Node tests).

export interface SseMessage { event: string; data: string }

/** Splits an SSE byte stream (decoded) into messages; returns the unconsumed rest. Pure. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string; retry?: number } {
  const messages: SseMessage[] = [];
  let retry: number | undefined;
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
    if (data.length > 0) messages.push({ event, data: data.join('\n') });
  }
  return { messages, rest, retry };
}
