import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { kbText, type KbKey } from './kb-text.js';

type Command = [KbKey, string, string?];
const COMMANDS: Command[] = [
  ['bold', 'bold'],
  ['italic', 'italic'],
  ['heading', 'formatBlock', 'h2'],
  ['subheading', 'formatBlock', 'h3'],
  ['paragraph', 'formatBlock', 'p'],
  ['bulletList', 'insertUnorderedList'],
  ['numberedList', 'insertOrderedList'],
];

interface Props {
  id: string;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  /** The HTML to start from; later changes of the prop are not pushed into the editor. */
  initialHtml: string;
  onChange(html: string): void;
}

/**
 * A small rich-text editor: a contenteditable region with a toolbar (bold, italic, headings,
 * lists, link). It uses the browser's editing commands, so undo and keyboard shortcuts work as
 * in any text field; Desk sanitizes the HTML it stores.
 */
export function RichEditor({ id, labelledBy, describedBy, invalid, initialHtml, onChange }: Props) {
  const t = useCatalogue(kbText);
  const editorRef = useRef<HTMLDivElement>(null);
  const savedRange = useRef<Range | null>(null);
  const [linking, setLinking] = useState(false);
  const [url, setUrl] = useState('https://');
  const linkInputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (editorRef.current) editorRef.current.innerHTML = initialHtml;
    // Only once: re-setting innerHTML while typing would move the caret.
  }, []);
  useEffect(() => {
    if (linking) linkInputRef.current?.focus();
  }, [linking]);

  const emit = () => onChange(editorRef.current?.innerHTML ?? '');
  /** The editor's selection when it lost focus (to a toolbar button, say), else null. */
  const lastRange = useRef<Range | null>(null);
  const rememberSelection = () => {
    const selection = window.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    lastRange.current =
      range && editorRef.current?.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
  };
  /** Focuses the editor with the selection it had, so keyboard users can format what they selected. */
  const refocus = (range: Range | null) => {
    editorRef.current?.focus();
    const selection = window.getSelection();
    if (range && selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
  };
  const editorHasFocus = () => document.activeElement === editorRef.current;
  const run = (command: string, value?: string) => {
    // A mouse press keeps focus (and the live selection) in the editor; a keyboard press does not.
    if (!editorHasFocus()) refocus(lastRange.current);
    document.execCommand(command, false, value);
    emit();
  };
  // Toolbar buttons keep the editor's selection: a mouse press must not move focus.
  const keepSelection = (event: MouseEvent) => event.preventDefault();

  const openLink = () => {
    if (editorHasFocus()) rememberSelection();
    savedRange.current = lastRange.current;
    setLinking(true);
  };
  const insertLink = () => {
    const href = url.trim();
    setLinking(false);
    refocus(savedRange.current);
    const selection = window.getSelection();
    if (!/^(https?:|mailto:|\/)/i.test(href)) return;
    if (selection && selection.isCollapsed) document.execCommand('insertText', false, href);
    if (selection && selection.isCollapsed) {
      // The inserted address is now before the caret: select it to link it.
      const range = selection.getRangeAt(0);
      range.setStart(range.endContainer, Math.max(0, range.endOffset - href.length));
    }
    document.execCommand('createLink', false, href);
    emit();
  };
  const linkKeys = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      insertLink();
    }
    if (event.key === 'Escape') {
      setLinking(false);
      editorRef.current?.focus();
    }
  };

  return (
    <div className="rich-editor">
      <div role="toolbar" aria-label={t('toolbar')} aria-controls={id} className="rich-toolbar">
        {COMMANDS.map(([label, command, value]) => (
          <button key={label} type="button" onMouseDown={keepSelection} onClick={() => run(command, value)}>
            {t(label)}
          </button>
        ))}
        <button type="button" onMouseDown={keepSelection} onClick={openLink} aria-expanded={linking}>
          {t('link')}
        </button>
      </div>
      {linking && (
        <div className="rich-link">
          <label htmlFor={`${id}-url`}>{t('linkUrl')}</label>
          <input
            ref={linkInputRef}
            id={`${id}-url`}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            onKeyDown={linkKeys}
          />
          <button type="button" onClick={insertLink}>
            {t('insertLink')}
          </button>
          <button type="button" onClick={() => setLinking(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <div
        id={id}
        ref={editorRef}
        className="rich-area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        tabIndex={0}
        onInput={emit}
        onBlur={() => {
          rememberSelection();
          emit();
        }}
      />
    </div>
  );
}
