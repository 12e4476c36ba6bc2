/**
 * The four figures (docs/figures.md) for today, 7 days or 30 days: the totals against their
 * targets, then per queue and per agent, as small charts or as a table ("Show as table").
 */
import { useMemo, useState } from 'react';
import { FIGURE_RANGES, TARGETS, type FigureRange, type Figures, type FiguresResponse } from '../../../shared/protocol/supervisor';
import { useStores, useSupervisor } from '../../app/hooks';
import { formatTime } from '../../lib/time';
import { useDelayed } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { InlineAlert } from '../../ui/InlineAlert';
import { SegmentedControl } from '../../ui/SegmentedControl';
import { SkeletonLine } from '../../ui/Skeleton';
import { FigureChart, type ChartBar } from './FigureChart';
import { CHANNEL_WORDS, pctText, RANGE_WORDS, regionName, regionShort, secText } from './labels';

/** Whole minutes and hours on a time axis. */
const MINUTE_STEPS = [60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14_400, 28_800, 86_400];

const RANGE_OPTIONS = FIGURE_RANGES.map((value) => ({ value, label: RANGE_WORDS[value] }));

interface FigureKind {
  key: 'csat' | 'firstResponse' | 'fcr' | 'handle';
  title: string;
  value(f: Figures): number | null;
  met(f: Figures): boolean | null;
  format(v: number | null): string;
  /** The y axis's steps, for times. */
  steps?: readonly number[];
  /** One target line for every bar, when the target is the same for all. */
  target: number | null;
  targetText(f: Figures): string;
}

const KINDS: readonly FigureKind[] = [
  { key: 'csat', title: 'CSAT', value: (f) => f.csat.pct, met: (f) => f.csat.met, format: pctText, target: TARGETS.csatPct, targetText: (f) => `target above ${f.csat.targetPct} %` },
  // Chat answers in minutes, email in hours: the share within each case's own target compares them.
  {
    key: 'firstResponse',
    title: 'First response within target',
    value: (f) => f.firstResponse.withinTargetPct,
    met: (f) => f.firstResponse.met,
    format: pctText,
    target: null,
    targetText: (f) => `average ${secText(f.firstResponse.avgSec)} · target ${secText(f.firstResponse.targetSec)}`,
  },
  { key: 'fcr', title: 'First-contact resolution', value: (f) => f.fcr.pct, met: (f) => f.fcr.met, format: pctText, target: TARGETS.fcrPct, targetText: (f) => `target above ${f.fcr.targetPct} %` },
  {
    key: 'handle',
    title: 'Handle time (median)',
    value: (f) => f.handle.medianSec,
    met: (f) => f.handle.met,
    format: secText,
    steps: MINUTE_STEPS,
    target: TARGETS.handleMaxSec,
    targetText: (f) => `target ${secText(f.handle.targetMinSec)}–${secText(f.handle.targetMaxSec)}`,
  },
];

const counted = (f: Figures, k: FigureKind['key']): number =>
  k === 'csat' ? f.csat.rated : k === 'firstResponse' ? f.firstResponse.answered : k === 'fcr' ? f.fcr.resolved : f.handle.handled;

export function FiguresSection({ offline }: { offline: boolean }) {
  const { supervisor } = useStores();
  const range = useSupervisor((s) => s.range);
  const figures = useSupervisor((s) => s.figures[s.range]);
  const loading = useSupervisor((s) => s.figuresLoading === s.range);
  const error = useSupervisor((s) => s.figuresError);
  const showSkeleton = useDelayed(!figures && !error && !offline);
  return (
    <section className="board__card board__figures" aria-labelledby="figures-title">
      <header className="board__figures-header">
        <h2 id="figures-title" className="board__h2">
          Figures
        </h2>
        <SegmentedControl label="Range" options={RANGE_OPTIONS} value={range} onChange={(r: FigureRange) => void supervisor.getState().setRange(r)} />
        {figures && <span className="board__updated">computed {formatTime(figures.computedAt)}{loading ? ' · refreshing…' : ''}</span>}
      </header>
      {error && (
        <InlineAlert actions={<Button dense onClick={() => void supervisor.getState().loadFigures()}>Retry</Button>}>
          {figures ? `The figures could not be refreshed (${error.message}).` : `The figures could not be loaded: ${error.message}`}
        </InlineAlert>
      )}
      {!figures && !error && offline && <p className="board__empty">Offline: the figures need a connection to the desk server.</p>}
      {showSkeleton && <FiguresSkeleton />}
      {figures && <FiguresBody figures={figures} />}
    </section>
  );
}

function FiguresSkeleton() {
  return (
    <ul className="board__tiles" aria-busy="true" aria-label="Loading the figures">
      {KINDS.map((k) => (
        <li key={k.key} className="board__tile">
          <SkeletonLine width="50%" />
          <SkeletonLine width="30%" height={24} />
        </li>
      ))}
    </ul>
  );
}

function FiguresBody({ figures }: { figures: FiguresResponse }) {
  const queues = useMemo(() => figures.queues.map((q) => ({ key: `${q.regionId}/${q.channel}`, label: `${regionName(q.regionId)} · ${CHANNEL_WORDS[q.channel]}`, short: `${regionShort(q.regionId)} ${q.channel}`, figures: q.figures })), [figures]);
  const agents = useMemo(() => figures.agents.map((a) => ({ key: a.agentId, label: a.name, short: a.name.split(' ')[0] ?? a.name, figures: a.figures })), [figures]);
  return (
    <>
      <ul className="board__tiles board__tiles--figures" aria-label={`All queues, ${RANGE_WORDS[figures.range].toLowerCase()}`}>
        {KINDS.map((k) => (
          <li key={k.key} className="board__tile">
            <span className="board__tile-label">{k.title}</span>
            <span className="board__tile-value">{k.format(k.value(figures.total))}</span>
            <span className="board__tile-detail">
              <MetChip met={k.met(figures.total)} /> {k.targetText(figures.total)} · {counted(figures.total, k.key)} counted
            </span>
          </li>
        ))}
      </ul>
      <Breakdown title="Per queue" rows={queues} />
      <Breakdown title="Per agent" rows={agents} />
    </>
  );
}

function MetChip({ met }: { met: boolean | null }) {
  if (met === null) return <Chip>No data</Chip>;
  return met ? <Chip tone="success">On target</Chip> : <Chip tone="warning">Below target</Chip>;
}

interface BreakdownRow {
  key: string;
  label: string;
  /** The chart's axis label. */
  short: string;
  figures: Figures;
}

function Breakdown({ title, rows }: { title: string; rows: readonly BreakdownRow[] }) {
  const [asTable, setAsTable] = useState(false);
  const charts = useMemo(() => KINDS.map((k) => ({ kind: k, bars: rows.map((r): ChartBar => ({ label: r.short, value: k.value(r.figures), met: k.met(r.figures) })).filter((b) => b.value !== null) })), [rows]);
  return (
    <div className="breakdown">
      <div className="breakdown__header">
        <h3 className="board__h3">{title}</h3>
        <Button dense variant="ghost" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          Show as table
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="board__empty">Nothing counted in this range yet.</p>
      ) : asTable ? (
        <table className="board-table">
          <thead>
            <tr>
              <th scope="col">{title === 'Per agent' ? 'Agent' : 'Queue'}</th>
              {KINDS.map((k) => (
                <th key={k.key} scope="col" className="num">
                  {k.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {KINDS.map((k) => {
                  const met = k.met(r.figures);
                  return (
                    <td key={k.key} className={`num${met === false ? ' is-below' : ''}`}>
                      {k.format(k.value(r.figures))}
                      {met === false && <span className="visually-hidden"> (below target)</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="breakdown__charts">
          {charts.map(({ kind, bars }) => (
            <FigureChart key={kind.key} title={kind.title} bars={bars} target={kind.target} format={kind.format} steps={kind.steps} />
          ))}
        </div>
      )}
    </div>
  );
}
