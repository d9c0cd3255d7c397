// text/event-stream read the way the HTML standard says a browser reads it, so the desktop client and the browser
// see the same alerts from the same stream.
import { describe, expect, it } from 'vitest';
import { EventStreamParser } from '../../../../../electron/core/network/eventStreamParser';

describe('reading an event stream', () => {
  it('reads events split anywhere, with any of the three line endings, even a CRLF split in two', () => {
    const parser = new EventStreamParser();
    const text = '\uFEFFevent: concern\r\ndata: {"urgency":"immediate"}\r\rdata: second\n\n';
    const events = [...text].flatMap((character) => parser.push(character));
    expect(events).toEqual([
      { type: 'concern', data: '{"urgency":"immediate"}', lastEventId: '' },
      { type: 'message', data: 'second', lastEventId: '' },
    ]);
  });

  it('joins data lines, keeps the last id for reconnecting, and takes only a whole-number retry', () => {
    const parser = new EventStreamParser();
    expect(parser.push('id: 41\ndata:first\ndata:  indented\nretry: soon\n\n')).toEqual([
      { type: 'message', data: 'first\n indented', lastEventId: '41' },
    ]);
    expect(parser.retryMs).toBeUndefined();
    parser.push('retry: 2500\nid: bad\0id\n: a heartbeat comment\n\n');
    expect(parser.retryMs).toBe(2500);
    expect(parser.lastEventId).toBe('41');
  });

  it('sends nothing for a block without data, and forgets its event type afterwards', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: concern\n\n')).toEqual([]);
    expect(parser.push('data\n\n')).toEqual([{ type: 'message', data: '', lastEventId: '' }]);
  });

  it('holds an unfinished event until its blank line arrives', () => {
    const parser = new EventStreamParser();
    expect(parser.push('data: half')).toEqual([]);
    expect(parser.push(' done\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ type: 'message', data: 'half done', lastEventId: '' }]);
  });
});
