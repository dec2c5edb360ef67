import { useEffect, useState } from 'react';
import { addDays, type Campaign } from './urlState.ts';

const PLAY_STEP_MS = 700;
const PLAY_STEP_DAYS = 7;

/** Playback: a week a step through the campaign year, stopping at its end. */
export function usePlayback(date: string | null, setDate: (update: (d: string | null) => string | null) => void, campaign: Campaign | null) {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing || !campaign) return;
    const timer = window.setInterval(() => setDate((d) => addDays(d ?? campaign.start, PLAY_STEP_DAYS, campaign)), PLAY_STEP_MS);
    return () => window.clearInterval(timer);
  }, [playing, campaign, setDate]);
  useEffect(() => {
    if (playing && date && campaign && date >= campaign.end) setPlaying(false);
  }, [playing, date, campaign]);
  return {
    playing,
    stop: () => setPlaying(false),
    toggle: () => {
      if (!playing && date && campaign && date >= campaign.end) setDate(() => campaign.start);
      setPlaying(!playing);
    },
  };
}
