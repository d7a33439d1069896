import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { editorHtml, safeHref } from './rich-text.js';
import { ticketText } from './ticket-text.js';
import './tickets.css';

type Command = 'bold' | 'italic' | 'link' | 'bulleted' | 'numbered' | 'code';

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * A small rich text editor (contenteditable) for replies and notes: bold, italic, link, lists and
 * inline code from labelled toolbar buttons or shortcuts. It reports clean HTML (see rich-text.ts)
 * through `onChange`; remount it (a new `key`) to clear it.
 */
export function RichEditor(props: {
  label: string;
  invalid?: boolean;
  describedBy?: string | undefined;
  className?: string | undefined;
  onChange(html: string): void;
}) {
  const t = useCatalogue(ticketText);
  const editor = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const labelId = useId();
  const hintId = useId();
  const linkId = useId();
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState('');
  const [linkError, setLinkError] = useState(false);
  const [active, setActive] = useState<Record<string, boolean>>({});

  // Toolbar buttons show whether the caret sits in bold/italic text or a list.
  useEffect(() => {
    const update = () => {
      const selection = document.getSelection();
      if (!selection?.anchorNode || !editor.current?.contains(selection.anchorNode)) return;
      setActive({
        bold: document.queryCommandState('bold'),
        italic: document.queryCommandState('italic'),
        bulleted: document.queryCommandState('insertUnorderedList'),
        numbered: document.queryCommandState('insertOrderedList'),
      });
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, []);

  const changed = () => {
    if (editor.current) props.onChange(editorHtml(editor.current));
  };

  const saveSelection = () => {
    const selection = document.getSelection();
    if (selection && selection.rangeCount > 0 && editor.current?.contains(selection.anchorNode)) {
      saved.current = selection.getRangeAt(0).cloneRange();
    }
  };
  const restoreSelection = () => {
    editor.current?.focus();
    const selection = document.getSelection();
    if (saved.current && selection) {
      selection.removeAllRanges();
      selection.addRange(saved.current);
    }
  };

  // execCommand is deprecated but is still the only way to edit contenteditable with the
  // browser's own undo stack; every result is normalised by editorHtml anyway.
  const run = (command: Command) => {
    editor.current?.focus();
    if (command === 'bold' || command === 'italic') document.execCommand(command);
    if (command === 'bulleted') document.execCommand('insertUnorderedList');
    if (command === 'numbered') document.execCommand('insertOrderedList');
    if (command === 'code') {
      const selected = document.getSelection()?.toString() ?? '';
      if (selected !== '') document.execCommand('insertHTML', false, `<code>${escape(selected)}</code>`);
    }
    if (command === 'link') {
      saveSelection();
      setHref('');
      setLinkError(false);
      setLinking(true);
      return;
    }
    changed();
  };

  const applyLink = () => {
    const target = safeHref(href);
    if (!target) {
      setLinkError(true);
      return;
    }
    restoreSelection();
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) document.execCommand('createLink', false, target);
    else document.execCommand('insertHTML', false, `<a href="${escape(target)}">${escape(target)}</a>`);
    setLinking(false);
    changed();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    const command: Command | undefined = event.shiftKey
      ? event.code === 'Digit8'
        ? 'bulleted'
        : event.code === 'Digit7'
          ? 'numbered'
          : undefined
      : ({ b: 'bold', i: 'italic', k: 'link', e: 'code' } as Record<string, Command>)[key];
    if (!command) return;
    event.preventDefault();
    run(command);
  };

  const buttons: [Command, string, string][] = [
    ['bold', 'B', t('bold')],
    ['italic', 'I', t('italic')],
    // No icon font: the link button shows its word (the others show the conventional glyph).
    ['link', t('link'), t('link')],
    ['bulleted', '•', t('bulleted')],
    ['numbered', '1.', t('numbered')],
    ['code', '</>', t('code')],
  ];

  return (
    <div className="rich-editor">
      <span id={labelId} className="visually-hidden">
        {props.label}
      </span>
      <div role="toolbar" aria-label={t('formatting')} className="rich-toolbar">
        {buttons.map(([command, glyph, label]) => (
          <button
            key={command}
            type="button"
            className={`tool tool-${command}`}
            title={label}
            aria-pressed={command in active ? Boolean(active[command]) : undefined}
            // Keep the editor's selection: the click must not move focus before the command runs.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(command)}
          >
            {glyph === label ? (
              label
            ) : (
              <>
                <span aria-hidden="true">{glyph}</span>
                <span className="visually-hidden">{label}</span>
              </>
            )}
          </button>
        ))}
      </div>
      {linking && (
        <div className="link-form">
          <label htmlFor={linkId}>{t('linkAddress')}</label>
          <input
            id={linkId}
            type="url"
            value={href}
            autoFocus
            aria-invalid={linkError || undefined}
            aria-describedby={linkError ? `${linkId}-error` : undefined}
            onChange={(e) => {
              setHref(e.target.value);
              setLinkError(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyLink();
              }
              if (e.key === 'Escape') {
                setLinking(false);
                restoreSelection();
              }
            }}
          />
          <button type="button" onClick={applyLink}>
            {t('addLink')}
          </button>
          <button
            type="button"
            onClick={() => {
              setLinking(false);
              restoreSelection();
            }}
          >
            {t('cancel')}
          </button>
          {linkError && (
            <p id={`${linkId}-error`} className="field-error">
              {t('badLink')}
            </p>
          )}
        </div>
      )}
      <div
        ref={editor}
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        aria-describedby={[hintId, props.describedBy].filter(Boolean).join(' ')}
        aria-invalid={props.invalid || undefined}
        contentEditable
        suppressContentEditableWarning
        tabIndex={0}
        className={`rich-input${props.className ? ` ${props.className}` : ''}`}
        onInput={changed}
        onKeyDown={onKeyDown}
        onBlur={saveSelection}
        onPaste={(e) => {
          // Pasted markup from elsewhere (styles, scripts, tables) stays out: paste as text.
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
        }}
      />
      <p id={hintId} className="hint rich-hint">
        {t('shortcuts')}
      </p>
    </div>
  );
}
