/**
 * One message of the thread. Customer text is rendered as text (React escapes it); links are
 * shown, never followed. Agent messages show their delivery: Queued, Sent, or Not delivered with
 * Retry / Edit / Copy / Discard. A supervisor's whisper (a note only the assigned agent and
 * supervisors receive) is labelled "Whisper from <supervisor>" in its own colour, apart from notes.
 */
import { memo, useState } from 'react';
import type { ApiError, LocalMessage } from '../../../shared/api/contract';
import { formatTime } from '../../lib/time';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { AttachmentImage } from './AttachmentImage';
import { languageName } from '../assist/words';

export interface MessageActions {
  retry(clientMsgId: string): void;
  edit(message: LocalMessage): void;
  discard(clientMsgId: string): void;
}

export const MessageItem = memo(function MessageItem({
  message,
  actions,
  rowError,
  ticketLanguage = null,
}: {
  message: LocalMessage;
  actions: MessageActions;
  rowError: ApiError | undefined;
  /** The chat's language (triage): a customer message in another one says which. */
  ticketLanguage?: string | null;
}) {
  const m = message;
  if (m.authorKind === 'system') {
    return (
      <div className="msg msg--system">
        <span>{m.body}</span>
        <span className="msg__time"> · {formatTime(m.createdAt)}</span>
      </div>
    );
  }
  const rejected = m.delivery === 'rejected';
  const whisper = m.whisper === true;
  const classes = ['msg', `msg--${m.authorKind}`, whisper ? 'msg--whisper' : '', rejected ? 'msg--rejected' : '', m.delivery === 'pending' ? 'msg--pending' : ''].filter(Boolean).join(' ');
  const kind = whisper ? 'Whisper' : m.authorKind === 'note' ? 'Internal note' : 'Message';
  return (
    <article className={classes} aria-label={`${kind} from ${m.authorName}`}>
      <div className="msg__bubble">
        {whisper ? (
          <span className="msg__note-label msg__whisper-label">
            <Icon name="lock" size={12} />
            Whisper from {m.authorName}
            <span className="msg__whisper-hint">· only you and supervisors see this</span>
          </span>
        ) : (
          m.authorKind === 'note' && (
            <span className="msg__note-label">
              <Icon name="lock" size={12} />
              Internal
            </span>
          )
        )}
        {m.body && <p className="msg__body">{m.body}</p>}
        {m.attachmentIds.length > 0 && (
          <div className="msg__attachments">
            {m.attachmentIds.map((id) => (
              <AttachmentImage key={id} attachmentId={id} onNote={m.authorKind === 'note'} />
            ))}
          </div>
        )}
        <div className="msg__meta">
          <span>{m.authorName}</span>
          <span aria-hidden="true">·</span>
          <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
          {m.authorKind === 'customer' && m.language && ticketLanguage && m.language !== ticketLanguage && (
            <span className="msg__lang" title={`Written in ${languageName(m.language)}`}>
              <span className="visually-hidden">Written in {languageName(m.language)}</span>
              <span aria-hidden="true">{m.language.toUpperCase()}</span>
            </span>
          )}
          {m.authorKind !== 'customer' && <Delivery message={m} />}
        </div>
      </div>
      {rejected && m.clientMsgId && <Rejection message={m} clientMsgId={m.clientMsgId} actions={actions} rowError={rowError} />}
    </article>
  );
});

function Delivery({ message }: { message: LocalMessage }) {
  switch (message.delivery) {
    case 'pending':
      return (
        <span className="msg__delivery msg__delivery--pending">
          <Icon name="clock" size={12} />
          Queued
        </span>
      );
    case 'sent':
      return (
        <span className="msg__delivery">
          <Icon name="check" size={12} />
          Sent
        </span>
      );
    case 'rejected':
      return null;
  }
}

function Rejection({ message, clientMsgId, actions, rowError }: { message: LocalMessage; clientMsgId: string; actions: MessageActions; rowError: ApiError | undefined }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(message.body).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="msg__rejection" role="group" aria-label="Not delivered">
      <p className="msg__rejection-text">
        <Icon name="alert" size={14} />
        Not delivered: {message.rejection?.reason ?? 'the server refused it'}
      </p>
      <div className="msg__rejection-actions">
        <Button dense icon="retry" onClick={() => actions.retry(clientMsgId)}>
          Retry
        </Button>
        <Button dense icon="edit" onClick={() => actions.edit(message)}>
          Edit
        </Button>
        <Button dense icon={copied ? 'check' : 'copy'} onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button dense variant="ghost" icon="close" onClick={() => actions.discard(clientMsgId)}>
          Discard
        </Button>
      </div>
      {rowError && <p className="msg__row-error">{rowError.message}</p>}
    </div>
  );
}
