/**
 * The supervisor's "Floor" (issue 8; UX.md §2 "Supervisor board"): the live board (tiles, queues
 * per region and channel, agents per region, the alerts with their actions, the agent roster)
 * the open formal complaints with their countdowns, and the four figures against their targets. Live from the `board` frames, without animation;
 * cached data stays on screen with its time when the link drops or a reload fails.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useStores, useSupervisor, useSync, useUi } from '../../app/hooks';
import { formatTime } from '../../lib/time';
import { useDelayed } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';
import { SkeletonLine } from '../../ui/Skeleton';
import { isDisconnected } from '../sync/sync-store';
import { AgentRoster } from './AgentRoster';
import { AlertList } from './AlertList';
import { AngryList } from './AngryList';
import { BoardTiles } from './BoardTiles';
import { ComplaintList } from './ComplaintList';
import { FiguresSection } from './FiguresSection';
import { QueueTable, RegionAgentsTable } from './QueueTable';
import { SupervisorDialogs, type DialogRequest } from './SupervisorDialogs';
import './supervisor.css';

export function SupervisorView() {
  const { supervisor } = useStores();
  const board = useSupervisor((s) => s.board);
  const loading = useSupervisor((s) => s.boardLoading);
  const error = useSupervisor((s) => s.boardError);
  const complaints = useSupervisor((s) => s.complaints);
  const complaintsError = useSupervisor((s) => s.complaintsError);
  const offline = useSync(isDisconnected);
  // UX.md §5: a skeleton only after 200 ms, so a quick answer never flashes one.
  const showSkeleton = useDelayed(!board && !error && !offline);
  const view = useUi((s) => s.view);
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  // Opening the board: the heading takes focus (keyboard users land in the view), the figures are refreshed.
  useEffect(() => {
    if (view !== 'board') return;
    headingRef.current?.focus();
    void supervisor.getState().loadFigures();
  }, [view, supervisor]);

  // Opening the board (or coming back online on it) fetches the complaints at once; bootstrap
  // refreshes them each minute, and each row's countdown ticks between loads from its open spans.
  useEffect(() => {
    if (view === 'board' && !offline) void supervisor.getState().loadComplaints();
  }, [view, offline, supervisor]);

  const retry = <Button dense onClick={() => void supervisor.getState().loadBoard()}>Retry</Button>;
  return (
    <main className="board" aria-labelledby={titleId}>
      <header className="board__header">
        <h1 id={titleId} ref={headingRef} tabIndex={-1} className="board__title">
          Floor
        </h1>
        {board && (
          <span className="board__updated">
            {offline ? 'Offline · board from ' : 'Live · updated '}
            <time dateTime={board.computedAt}>{formatTime(board.computedAt)}</time>
          </span>
        )}
      </header>
      {error && (
        <InlineAlert actions={retry}>
          {board ? `The board could not be refreshed (${error.message}); showing the one from ${formatTime(board.computedAt)}.` : `The board could not be loaded: ${error.message}`}
        </InlineAlert>
      )}
      {showSkeleton && <BoardSkeleton />}
      {!board && !error && offline && !loading && <p className="board__empty">Offline: the board needs a connection to the desk server. It appears when you are back online.</p>}
      {board && (
        <div className="board__grid">
          <BoardTiles board={board} />
          <section className="board__card board__queues" aria-labelledby={`${titleId}-queues`}>
            <h2 id={`${titleId}-queues`} className="board__h2">
              Queues
            </h2>
            <QueueTable board={board} />
            <h3 className="board__h3">Agents by region</h3>
            <RegionAgentsTable board={board} />
          </section>
          <section className="board__card board__alerts" aria-labelledby={`${titleId}-alerts`}>
            <h2 id={`${titleId}-alerts`} className="board__h2">
              Alerts <span className="board__count">{board.breachedTotal} breached · {board.atRiskTotal} at risk</span>
            </h2>
            <AlertList board={board} offline={offline} onAction={setDialog} />
          </section>
          {board.angry !== undefined && (
            <section className="board__card board__angry" aria-labelledby={`${titleId}-angry`}>
              <h2 id={`${titleId}-angry`} className="board__h2">
                Angry customers <span className="board__count">{board.angryTotal ?? board.angry.length} live</span>
              </h2>
              <AngryList board={board} offline={offline} onAction={setDialog} />
            </section>
          )}
          <section className="board__card board__roster" aria-labelledby={`${titleId}-agents`}>
            <h2 id={`${titleId}-agents`} className="board__h2">
              Agents
            </h2>
            <AgentRoster board={board} offline={offline} />
          </section>
        </div>
      )}
      <section className="board__card board__complaints" aria-labelledby={`${titleId}-complaints`}>
        <h2 id={`${titleId}-complaints`} className="board__h2">
          Formal complaints {complaints && <span className="board__count">{complaintCount(complaints.complaints)}</span>}
        </h2>
        {complaintsError && (
          <InlineAlert actions={<Button dense onClick={() => void supervisor.getState().loadComplaints()}>Retry</Button>}>
            {complaints ? `The complaints could not be refreshed (${complaintsError.message}); showing the list from ${formatTime(complaints.computedAt)}.` : `The complaints could not be loaded: ${complaintsError.message}`}
          </InlineAlert>
        )}
        {complaints && <ComplaintList complaints={complaints.complaints} offline={offline} onAction={setDialog} />}
        {!complaints && !complaintsError && <p className="board__empty">{offline ? 'Offline: the complaints need a connection to the desk server.' : 'Loading the complaints…'}</p>}
      </section>
      <FiguresSection offline={offline} />
      {dialog && <SupervisorDialogs request={dialog} board={board} onClose={() => setDialog(null)} />}
    </main>
  );
}

function complaintCount(list: readonly { overdue: boolean }[]): string {
  const overdue = list.filter((c) => c.overdue).length;
  return `${list.length} open${overdue ? ` · ${overdue} overdue` : ''}`;
}

function BoardSkeleton() {
  return (
    <div className="board__skeleton" aria-busy="true" aria-label="Loading the board">
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <span key={i} className="board__tile">
          <SkeletonLine width="60%" />
          <SkeletonLine width="40%" height={24} />
        </span>
      ))}
    </div>
  );
}
