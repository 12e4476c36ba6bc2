/** The chat a thread shows, for what renders inside it (attachments read that chat's detail, not the active one's). */
import { createContext, useContext } from 'react';

export const ThreadTicketContext = createContext<string | null>(null);
export const useThreadTicket = (): string | null => useContext(ThreadTicketContext);
