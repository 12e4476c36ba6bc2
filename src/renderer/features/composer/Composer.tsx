/**
 * The composer: Reply | Note. Note mode changes colour, label, icon and button text so a note
 * can't pass for a reply. Enter sends, Shift+Enter is a new line, Ctrl+Enter always sends.
 * What the agent types is a draft, saved by main as they type.
 *
 * Canned replies: `/` (or `::`) at the start of a line opens the picker; Enter or Tab inserts
 * the reply filled for this chat. A value the chat does not have becomes a ⟦prompt⟧ in the
 * text, highlighted by a mirror layer behind the textarea; Tab / Shift+Tab select the next /
 * previous prompt so typing replaces it, and Enter will not send while one is left.
 *
 * Images: paste or drop one to upload it; it goes with the next reply.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import { containsCardNumber } from '../../../shared/card-mask';
import { CANNED_LANGUAGES, type CannedLanguage, type TicketRow } from '../../../shared/domain';
import { fillPromptsWithFallbacks, findPrompts } from '../../../shared/templates';
import { useCannedReplies, useConversation, useDrafts, useSession, useStores, useUi } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { InlineAlert } from '../../ui/InlineAlert';
import { SegmentedControl } from '../../ui/SegmentedControl';
import { CannedPicker, optionId, type PickerOption } from '../canned/CannedPicker';
import { languageFor } from '../canned/canned-store';
import { fillReply, rankReplies, slashQuery } from '../canned/match';
import { canAccept, canWrite } from '../conversation/permissions';
import { usePanel } from '../customer/use-panel';
import type { ComposerMode } from './drafts-store';
import { nextPrompt } from './prompts';
import { imageFiles, useAttachments } from './use-attachments';

const MODES = [
  { value: 'reply', label: 'Reply' },
  { value: 'note', label: 'Note' },
] as const satisfies readonly { value: ComposerMode; label: string }[];

const NO_FALLBACKS: Record<string, string> = {};

/** The text drawn behind the textarea: transparent, except for the prompts' highlight. */
function Mirror({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const p of findPrompts(text)) {
    if (p.start > at) parts.push(text.slice(at, p.start));
    parts.push(
      <mark key={p.start} className="prompt-mark">
        {text.slice(p.start, p.end)}
      </mark>,
    );
    at = p.end;
  }
  // A trailing space keeps a final line break the same height as in the textarea.
  parts.push(`${text.slice(at)} `);
  return <>{parts}</>;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function Composer({ ticket }: { ticket: TicketRow }) {
  const { drafts, conversation, cannedReplies, macros, api, ui } = useStores();
  const draft = useDrafts((s) => s.drafts[ticket.id]);
  const saveError = useDrafts((s) => s.saveError);
  const agent = useSession((s) => s.session?.agent ?? null);
  const focusRequest = useUi((s) => s.focusRequest);
  const storeDetail = useConversation((s) => s.detail);
  const replies = useCannedReplies((s) => s.replies);
  const repliesLoading = useCannedReplies((s) => s.loading);
  const repliesError = useCannedReplies((s) => s.error);
  const languageSetting = useCannedReplies((s) => s.languageSetting);
  const chosenLanguage = useCannedReplies((s) => s.languageByTicket[ticket.id]);
  const fallbacks = useCannedReplies((s) => s.fallbacks[ticket.id] ?? NO_FALLBACKS);
  const insertRequest = useCannedReplies((s) => s.insertRequest);
  const attachments = useAttachments(api, ticket.id);

  const textRef = useRef<HTMLTextAreaElement>(null);
  const mirrorRef = useRef<HTMLDivElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  const pickerId = useId();
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [caret, setCaret] = useState(0);
  const [activeIndex, setActiveIndex] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [promptAlert, setPromptAlert] = useState(false);
  const [dragging, setDragging] = useState(false);

  const body = draft?.body ?? '';
  const mode: ComposerMode = draft?.mode ?? 'reply';
  const isNote = mode === 'note';
  const writable = canWrite(ticket, agent);
  const hasCard = !isNote && containsCardNumber(body);
  const blocked =
    ticket.status === 'closed'
      ? 'This chat is closed; the customer can no longer get replies here.'
      : !writable
        ? canAccept(ticket, agent)
          ? 'Accept this chat to reply.'
          : 'This chat is assigned to someone else.'
        : null;

  // ---- canned replies ----------------------------------------------------------------------
  const detail = storeDetail?.ticket.id === ticket.id ? storeDetail : null;
  const customerLocale = detail?.context.customer?.locale ?? null;
  const choice = languageFor({ languageByTicket: chosenLanguage ? { [ticket.id]: chosenLanguage } : {}, languageSetting }, ticket.id, customerLocale, ticket.language);
  const slash = blocked ? null : slashQuery(body, caret);
  const query = slash?.query ?? null;
  const ranked = useMemo(() => (query === null ? [] : rankReplies(replies ?? [], query, choice.language, ticket.category)), [replies, query, choice.language, ticket.category]);
  // The row the agent selected in the customer panel is what a reply's figures are about.
  const selectedRow = usePanel((s) => s.views[ticket.id]?.selection ?? null);
  const options: PickerOption[] = useMemo(
    () => ranked.map((reply) => ({ reply, preview: fillReply(reply, detail, agent, choice.language, selectedRow).text })),
    [ranked, detail, agent, choice.language, selectedRow],
  );
  // A `/` line that matches nothing and has a space in it is just text: no empty picker over it.
  const pickerOpen = slash !== null && dismissedAt !== slash.start && (options.length > 0 || !/\s/.test(slash.query));
  const active = Math.min(activeIndex, Math.max(0, options.length - 1));

  const prompts = useMemo(() => findPrompts(body), [body]);
  const promptsWithFallback = prompts.length > 0 && prompts.every((p) => Object.hasOwn(fallbacks, p.label));

  useEffect(() => setSendError(null), [ticket.id, mode]);
  useEffect(() => setActiveIndex(0), [query, choice.language]);
  const slashStart = slash?.start ?? null;
  useEffect(() => {
    if (slashStart === null) setDismissedAt(null);
  }, [slashStart]);
  useEffect(() => {
    if (prompts.length === 0) setPromptAlert(false);
  }, [prompts.length]);
  useEffect(() => {
    setDismissedAt(null);
    setPromptAlert(false);
  }, [ticket.id]);
  // The picker shows the cache's latest replies (a pull may have brought new ones).
  useEffect(() => {
    if (pickerOpen) void cannedReplies.getState().load();
  }, [pickerOpen, cannedReplies]);

  useEffect(() => {
    if (focusRequest?.pane === 'composer') textRef.current?.focus();
  }, [focusRequest]);

  // Grows with the text up to 40% of the window; the mirror follows its size and scroll.
  useLayoutEffect(() => {
    const el = textRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, Math.round(window.innerHeight * 0.4))}px`;
    const mirror = mirrorRef.current;
    if (mirror) {
      const scrollbar = Math.max(0, el.offsetWidth - el.clientWidth - 2);
      mirror.style.paddingRight = `${8 + scrollbar}px`;
      mirror.scrollTop = el.scrollTop;
    }
    const sel = pendingSelection.current;
    if (sel) {
      pendingSelection.current = null;
      el.focus();
      el.setSelectionRange(sel[0], sel[1]);
      setCaret(sel[0]);
    }
  }, [body]);

  const select = (start: number, end: number) => {
    const el = textRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(start, end);
    setCaret(start);
  };

  /** Puts a reply into the text in place of [from, to) and selects its first prompt. */
  const insertReply = (replyId: string, from: number, to: number): boolean => {
    const reply = replies?.find((r) => r.id === replyId);
    if (!reply || blocked) return false;
    const filled = fillReply(reply, detail, agent, reply.language, selectedRow);
    const next = body.slice(0, from) + filled.text + body.slice(to);
    // Remembered for this draft: the reply goes out with its shortcut while it still largely is this text.
    cannedReplies.getState().rememberUse(ticket.id, { shortcut: reply.shortcut, text: filled.text });
    cannedReplies
      .getState()
      .rememberFallbacks(ticket.id, Object.fromEntries(filled.prompts.flatMap((p) => (p.fallback === null ? [] : [[p.label, p.fallback] as const]))));
    const first = filled.prompts[0];
    pendingSelection.current = first ? [from + first.start, from + first.end] : [from + filled.text.length, from + filled.text.length];
    setDismissedAt(null);
    setSendError(null);
    drafts.getState().edit(ticket.id, next);
    return true;
  };

  const choose = (index: number) => {
    const option = options[index];
    const el = textRef.current;
    if (!option || !slash || !el) return;
    insertReply(option.reply.id, slash.start, el.selectionEnd);
  };

  // Another feature (the command palette, the context panel) asked for a reply or some text:
  // insert it where the caret is.
  useEffect(() => {
    if (!insertRequest || insertRequest.ticketId !== ticket.id) return;
    const el = textRef.current;
    if (insertRequest.text !== undefined) {
      if (blocked) return cannedReplies.getState().insertHandled(insertRequest.seq);
      const from = el?.selectionStart ?? body.length;
      const to = Math.max(from, el?.selectionEnd ?? body.length);
      pendingSelection.current = [from + insertRequest.text.length, from + insertRequest.text.length];
      drafts.getState().edit(ticket.id, body.slice(0, from) + insertRequest.text + body.slice(to));
    } else {
      // Not loaded yet (the store is loading it): this runs again when the replies arrive.
      if (!replies?.some((r) => r.id === insertRequest.replyId)) return;
      const from = slash ? slash.start : (el?.selectionStart ?? body.length);
      const to = el?.selectionEnd ?? body.length;
      insertReply(insertRequest.replyId, from, Math.max(from, to));
    }
    cannedReplies.getState().insertHandled(insertRequest.seq);
    ui.getState().focus('composer');
  }, [insertRequest, replies]);

  const switchLanguage = (language: CannedLanguage | null) => cannedReplies.getState().setLanguage(ticket.id, language);

  // ---- sending -----------------------------------------------------------------------------
  const uploading = attachments.items.some((a) => a.status === 'uploading');
  const ready = attachments.items.filter((a) => a.status === 'ready' && a.attachmentId !== null);

  const send = async ({ withFallbacks = false } = {}) => {
    if (sending) return;
    const text = withFallbacks ? fillPromptsWithFallbacks(body, fallbacks) : body;
    const left = findPrompts(text);
    if (left.length > 0) {
      // Never sent by accident: say so, and put the agent on the first prompt.
      setPromptAlert(true);
      if (withFallbacks) drafts.getState().edit(ticket.id, text);
      else select(left[0]!.start, left[0]!.end);
      return;
    }
    const isReply = mode === 'reply';
    const ids = isReply ? ready.map((a) => a.attachmentId!) : [];
    const trimmed = text.trim();
    if (!trimmed && ids.length === 0) return;
    if (blocked) return setSendError(blocked);
    if (hasCard) return setSendError('Remove the card number first; agents never take card data in chat.');
    if (isReply && uploading) return setSendError('An image is still uploading; send once it is done, or remove it.');
    setSending(true);
    // A reply needs words: an image on its own is captioned with its file name.
    const sentText = trimmed || ready.map((a) => a.filename).join(', ');
    const cannedShortcut = isReply ? cannedReplies.getState().shortcutFor(ticket.id, sentText) : null;
    const error = await conversation.getState().send(sentText, mode, ids, cannedShortcut);
    setSending(false);
    if (error) return setSendError(error.message);
    setSendError(null);
    setPromptAlert(false);
    if (ids.length) attachments.clear();
    cannedReplies.getState().forgetFallbacks(ticket.id);
    cannedReplies.getState().forgetUses(ticket.id);
    await drafts.getState().clear(ticket.id);
    // A macro's held steps (note, status, resolve, next chat) go once its reply is sent.
    if (isReply) void macros.getState().replySent(ticket.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    const el = e.currentTarget;
    if (pickerOpen && slash) {
      const n = options.length;
      const plainKey = !e.ctrlKey && !e.metaKey && !e.altKey;
      if (plainKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        if (n > 0) setActiveIndex((active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      if (plainKey && (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey))) {
        e.preventDefault(); // never sends while the picker is open
        if (n > 0) choose(active);
        return;
      }
      if (plainKey && e.key === 'Tab' && e.shiftKey) {
        e.preventDefault();
        if (n > 0) setActiveIndex((active + n - 1) % n);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault(); // closes the picker; the global Esc (leave field) waits for the next one
        setDismissedAt(slash.start);
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        e.preventDefault();
        const at = CANNED_LANGUAGES.indexOf(choice.language);
        const step = e.key === 'ArrowRight' ? 1 : CANNED_LANGUAGES.length - 1;
        switchLanguage(CANNED_LANGUAGES[(at + step) % CANNED_LANGUAGES.length]!);
        return;
      }
    }
    if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const target = nextPrompt(body, el.selectionStart, el.selectionEnd, e.shiftKey ? -1 : 1);
      if (target) {
        e.preventDefault();
        select(target.start, target.end);
      }
      return; // no prompts: Tab moves focus as usual
    }
    if (e.key !== 'Enter') return;
    if (e.shiftKey && !(e.ctrlKey || e.metaKey)) return; // a new line
    e.preventDefault();
    void send();
  };

  // ---- images ------------------------------------------------------------------------------
  const takeFiles = (list: FileList | null): boolean => {
    const { images, refused } = imageFiles(list);
    if (images.length === 0 && refused === 0) return false;
    if (isNote) {
      attachments.dismissNotice();
      setSendError('Images go with replies only; switch to Reply to send one.');
      return true;
    }
    if (blocked) {
      setSendError(blocked);
      return true;
    }
    attachments.add(images, refused);
    return true;
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (e.clipboardData.files.length > 0 && takeFiles(e.clipboardData.files)) e.preventDefault();
  };
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  const onDragOver = (e: DragEvent<HTMLElement>) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    if (!dragging) setDragging(true);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    setDragging(false);
    if (!hasFiles(e)) return;
    e.preventDefault();
    takeFiles(e.dataTransfer.files);
  };

  // ---- render ------------------------------------------------------------------------------
  const labels = prompts.map((p) => p.label);
  const hint = blocked
    ? blocked
    : prompts.length > 0
      ? `${prompts.length} ${plural(prompts.length, 'prompt', 'prompts')} to fill · Tab jumps to the next, Shift+Tab back`
      : 'Enter to send · Shift+Enter for a new line · / for canned replies';
  const nothingToSend = !body.trim() && ready.length === 0;

  return (
    <section
      className={`composer${isNote ? ' composer--note' : ''}${dragging ? ' composer--drop' : ''}`}
      aria-label="Composer"
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {pickerOpen && slash && (
        <CannedPicker
          id={pickerId}
          options={options}
          activeIndex={active}
          query={slash.query}
          choice={choice}
          customerLocale={customerLocale}
          chatCategory={ticket.category}
          loading={repliesLoading && replies === null}
          error={replies === null || options.length === 0 ? (repliesError?.message ?? null) : null}
          onChoose={choose}
          onActivate={setActiveIndex}
          onLanguage={switchLanguage}
          onRetry={() => void cannedReplies.getState().load()}
          onLeave={() => textRef.current?.focus()}
        />
      )}
      <div className="composer__bar">
        <SegmentedControl label="Composer mode" options={MODES} value={mode} onChange={(m) => drafts.getState().setMode(ticket.id, m)} />
        {isNote && (
          <span className="composer__note-label">
            <Icon name="lock" size={14} />
            Internal note – customer can't see this
          </span>
        )}
      </div>
      <div className="composer__field">
        <div ref={mirrorRef} className="composer__mirror" aria-hidden="true">
          <Mirror text={body} />
        </div>
        <textarea
          ref={textRef}
          className="composer__input"
          data-pane="composer"
          value={body}
          rows={3}
          onChange={(e) => {
            setCaret(e.target.selectionStart);
            drafts.getState().edit(ticket.id, e.target.value);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onScroll={(e) => {
            if (mirrorRef.current) mirrorRef.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          aria-label={isNote ? 'Internal note' : 'Reply to the customer'}
          aria-controls={pickerOpen ? pickerId : undefined}
          aria-activedescendant={pickerOpen && options.length > 0 ? optionId(pickerId, active) : undefined}
          aria-autocomplete="list"
          aria-describedby={`${pickerId}-hint`}
          placeholder={isNote ? 'Write a note for your team…' : 'Write a reply… (/ for canned replies)'}
          spellCheck
        />
      </div>
      {attachments.items.length > 0 && (
        <ul className="composer__attachments" aria-label="Images to send">
          {attachments.items.map((a) => (
            <li key={a.key} className={`composer-attachment composer-attachment--${a.status}`}>
              {a.previewUrl ? <img src={a.previewUrl} alt="" className="composer-attachment__thumb" /> : <Icon name="image" size={16} />}
              <span className="composer-attachment__name">{a.filename}</span>
              <span className="composer-attachment__state">{a.status === 'uploading' ? 'Uploading…' : a.status === 'ready' ? 'Ready' : `Not uploaded: ${a.error ?? 'unknown error'}`}</span>
              <button type="button" className="icon-button" aria-label={`Remove ${a.filename}`} onClick={() => attachments.remove(a.key)}>
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {promptAlert && prompts.length > 0 && (
        <InlineAlert
          tone="warning"
          actions={
            promptsWithFallback && (
              <Button dense onClick={() => void send({ withFallbacks: true })}>
                Send with fallbacks
              </Button>
            )
          }
        >
          Not sent: fill the highlighted {plural(prompts.length, 'prompt', 'prompts')} first ({labels.join(', ')}). Tab jumps to the next one.
          {promptsWithFallback && ' Or send with the reply’s fallback text.'}
        </InlineAlert>
      )}
      {hasCard && <InlineAlert tone="warning">This reply contains a card number. Agents never take card data in chat; send a secure payment link instead.</InlineAlert>}
      {attachments.notice && <InlineAlert tone="warning">{attachments.notice}</InlineAlert>}
      {sendError && !hasCard && <InlineAlert>{sendError}</InlineAlert>}
      {saveError && <InlineAlert tone="warning">Draft not saved: {saveError.message}</InlineAlert>}
      <div className="composer__footer">
        <span className="composer__hint" id={`${pickerId}-hint`}>
          {hint}
        </span>
        <Button
          variant={isNote ? 'note' : 'primary'}
          icon={isNote ? 'lock' : 'send'}
          disabled={sending || nothingToSend || !!blocked || hasCard}
          onClick={() => void send()}
        >
          {isNote ? 'Add note' : 'Send'}
        </Button>
      </div>
    </section>
  );
}
