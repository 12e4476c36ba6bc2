/** The supervisor console's server side: the live board, the figures and the floor actions. */
import type { Deps } from '../deps';
import type { Router } from '../routing/router';
import { createSupervisorActions } from './actions';
import { createBoardFeed, type BoardFeedOptions } from './board-feed';
import { readComplaints } from './complaints';
import { createFiguresService } from './figures-service';

export function createSupervisor(deps: Deps, router: Router, board: BoardFeedOptions = {}) {
  return {
    board: createBoardFeed(deps, board),
    figures: createFiguresService(deps),
    actions: createSupervisorActions(deps, router),
    complaints: () => readComplaints(deps),
  };
}
export type Supervisor = ReturnType<typeof createSupervisor>;
