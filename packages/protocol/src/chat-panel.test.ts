import { describe, expect, it } from 'vitest';
import { chatPanelMessage, readDeskToPanel, readPanelToDesk, type PanelToDesk } from './chat-panel.js';

describe('the chat panel protocol (v1)', () => {
  it('reads back what each side sends', () => {
    const assigned = chatPanelMessage<PanelToDesk, 'assigned'>('assigned', {
      conversationId: '0b9e6f9e-0f4c-4c4e-9a43-3e1f1f0f0f0f',
      userName: 'Aiko',
      preview: 'Hello',
    });
    expect(readPanelToDesk(structuredClone(assigned))).toEqual(assigned);
    expect(readPanelToDesk({ tandem: 'chat-panel', v: 1, type: 'unread', payload: { count: 3 } })).toEqual({
      tandem: 'chat-panel',
      v: 1,
      type: 'unread',
      payload: { count: 3 },
    });
    expect(
      readDeskToPanel({ tandem: 'chat-panel', v: 1, type: 'open', payload: { conversationId: 'c-1' } }),
    ).toMatchObject({ type: 'open', payload: { conversationId: 'c-1' } });
    expect(
      readDeskToPanel({ tandem: 'chat-panel', v: 1, type: 'dock', payload: { expanded: false } }),
    ).toMatchObject({ type: 'dock', payload: { expanded: false } });
  });

  it.each([
    ['another protocol', { tandem: 'widget', v: 1, type: 'ready', payload: { signedIn: true } }],
    ['another version', { tandem: 'chat-panel', v: 2, type: 'ready', payload: { signedIn: true } }],
    ['an unknown type', { tandem: 'chat-panel', v: 1, type: 'eval', payload: {} }],
    ['a bad count', { tandem: 'chat-panel', v: 1, type: 'unread', payload: { count: -1 } }],
    ['a missing payload', { tandem: 'chat-panel', v: 1, type: 'ready' }],
    [
      'an id with a path',
      {
        tandem: 'chat-panel',
        v: 1,
        type: 'assigned',
        payload: { conversationId: '../x', userName: 'a', preview: 'b' },
      },
    ],
    ['a string', 'ready'],
  ])('ignores %s', (_name, data) => {
    expect(readPanelToDesk(data)).toBeUndefined();
    expect(readDeskToPanel(data)).toBeUndefined();
  });

  it('accepts only paths of the agent UI to navigate to', () => {
    const navigate = (path: unknown) =>
      readPanelToDesk({ tandem: 'chat-panel', v: 1, type: 'navigate', payload: { path } });
    expect(navigate('/a/tickets/12')).toMatchObject({ type: 'navigate', payload: { path: '/a/tickets/12' } });
    for (const path of ['//evil.example/a', '/a/../x', 'https://evil.example/a/1', '/a/', '/portal', 12])
      expect(navigate(path)).toBeUndefined();
  });

  it('keeps Desk-bound and panel-bound types apart', () => {
    expect(
      readPanelToDesk({ tandem: 'chat-panel', v: 1, type: 'open', payload: { conversationId: 'c' } }),
    ).toBeUndefined();
    expect(
      readDeskToPanel({ tandem: 'chat-panel', v: 1, type: 'unread', payload: { count: 1 } }),
    ).toBeUndefined();
  });
});
