// text/event-stream as the HTML standard defines it ("Interpreting an event stream"): fed text in whatever pieces
// the network delivers, it hands back whole events. Pure, so it is tested without a socket.
export interface ServerSentEvent {
  /** The `event:` field, or "message" when there was none. */
  type: string;
  data: string;
  /** The last `id:` seen, sent back as Last-Event-ID when the stream reconnects. */
  lastEventId: string;
}

export class EventStreamParser {
  #buffer = '';
  #started = false;
  #data: string[] = [];
  #type = '';
  lastEventId = '';
  /** The reconnection delay the server asked for with `retry:`, if it did. */
  retryMs: number | undefined;

  /** Feeds the next piece of text; returns the events it completed. */
  push(text: string): ServerSentEvent[] {
    this.#buffer += text;
    if (!this.#started && this.#buffer.length > 0) {
      this.#started = true;
      if (this.#buffer.startsWith('\uFEFF')) this.#buffer = this.#buffer.slice(1);
    }
    const events: ServerSentEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next piece.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  #line(line: string): ServerSentEvent | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#type = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }

  #dispatch(): ServerSentEvent | undefined {
    const data = this.#data;
    const type = this.#type;
    this.#data = [];
    this.#type = '';
    if (data.length === 0) return undefined;
    return { type: type || 'message', data: data.join('\n'), lastEventId: this.lastEventId };
  }
}
