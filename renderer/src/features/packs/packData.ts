// Loading the installed packs and one pack's content for the pages in this folder.
import { useCallback, useEffect, useState } from 'react';
import type { AppError, CommandOutput, PackSummary, Result } from '../../../../shared/api';
import type { ResolvedPack } from '../../../../shared/thresholds';
import { invoke } from '../../api';

export interface PackChoice {
  packId: string | null;
  areaId: string | null;
}

export interface PackList {
  packs: PackSummary[] | null;
  chosen: PackChoice;
  problem: AppError | null;
  reload: () => Promise<void>;
}

export function usePackList(): PackList {
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [chosen, setChosen] = useState<PackChoice>({ packId: null, areaId: null });
  const [problem, setProblem] = useState<AppError | null>(null);

  const apply = useCallback((result: Result<CommandOutput<'packs.list'>>) => {
    if (result.ok) {
      setPacks(result.value.packs);
      setChosen(result.value.chosen);
      setProblem(null);
    } else setProblem(result.error);
  }, []);

  const reload = useCallback(async () => apply(await invoke('packs.list', {})), [apply]);

  useEffect(() => {
    let current = true;
    void invoke('packs.list', {}).then((result) => {
      if (current) apply(result);
    });
    return () => {
      current = false;
    };
  }, [apply]);

  return { packs, chosen, problem, reload };
}

/** One pack's full content (with borrowed indicators), reloaded when `version` changes (after an edit). */
export function usePack(packId: string | null, version = 0): { pack: ResolvedPack | null; problem: AppError | null } {
  const [loaded, setLoaded] = useState<{ key: string; pack: ResolvedPack | null; problem: AppError | null } | null>(null);
  const key = `${packId ?? ''}:${version}`;

  useEffect(() => {
    if (!packId) return;
    let current = true;
    void invoke('packs.get', { packId }).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { key, pack: result.value, problem: null } : { key, pack: null, problem: result.error });
    });
    return () => {
      current = false;
    };
  }, [packId, key]);

  // While a different pack loads, the old one is kept on screen rather than flashing "Loading".
  if (!packId) return { pack: null, problem: null };
  return { pack: loaded?.pack ?? null, problem: loaded?.key === key ? loaded.problem : null };
}
