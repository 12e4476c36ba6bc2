/**
 * "Similar resolved cases" in the context panel: up to three resolved cases like this chat
 * (assist ranks them on this machine from the cases the desk gave it), each with its reference,
 * category, outcome, how it was resolved and what the customer wrote, as text; and how fresh
 * that corpus is ("Cases fetched 5 minutes ago", or "Not fetched yet (offline)").
 */
import type { AssistForTicket, SimilarCase } from '../../../shared/api/contract';
import { CATEGORY_LABELS } from '../../../shared/domain';
import { useNow } from '../../lib/use-now';
import { Chip } from '../../ui/Chip';
import { shorten, timeAgo } from './words';
import './assist.css';

const TEXT_MAX = 140;
const RESOLUTION_MAX = 160;

export function SimilarCases({ assist }: { assist: AssistForTicket }) {
  const now = useNow();
  return (
    <div className="similar">
      {assist.similar.length === 0 ? (
        <p className="similar__empty">No resolved case like this one yet.</p>
      ) : (
        <ol className="similar__list">
          {assist.similar.map((c) => (
            <SimilarCaseItem key={c.ticketId} item={c} />
          ))}
        </ol>
      )}
      <p className="similar__fetched">
        {assist.casesFetchedAt ? (
          <>
            Cases fetched <time dateTime={assist.casesFetchedAt}>{timeAgo(assist.casesFetchedAt, now)}</time>
          </>
        ) : (
          'Not fetched yet (offline)'
        )}
      </p>
    </div>
  );
}

function SimilarCaseItem({ item }: { item: SimilarCase }) {
  return (
    <li className="similar__case">
      <span className="similar__line">
        <span className="similar__ref mono">{item.reference}</span>
        <Chip>{CATEGORY_LABELS[item.category]}</Chip>
        {item.outcome && (
          <span className="similar__outcome" title="Outcome">
            {item.outcome}
          </span>
        )}
      </span>
      <span className="similar__resolution" title={item.resolution}>
        <span className="similar__label">Resolved: </span>
        {shorten(item.resolution, RESOLUTION_MAX)}
      </span>
      <span className="similar__text" title={item.text}>
        <span className="similar__label">Customer: </span>“{shorten(item.text, TEXT_MAX)}”
      </span>
    </li>
  );
}
