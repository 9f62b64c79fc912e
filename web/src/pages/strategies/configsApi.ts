import { useQuery } from '@tanstack/react-query';
import { createConfig, getConfig, listConfigs, type ConfigDto, type ConfigSummaryDto } from '../../api';
import { unwrapData } from '../../ui/api';

/** The query key of a plugin's configs (every version the caller made). */
export const configsKey = (pluginId: string) => ['plugins', pluginId, 'configs'] as const;

/** A named parameter set with its versions, oldest first. */
export type ConfigGroup = { name: string; versions: ConfigSummaryDto[] };

/** Configs grouped by name (names in order, versions ascending), as the list endpoint sorts them. */
export function groupConfigs(configs: ConfigSummaryDto[]): ConfigGroup[] {
  const groups = new Map<string, ConfigSummaryDto[]>();
  for (const config of configs) groups.set(config.name, [...(groups.get(config.name) ?? []), config]);
  return [...groups].map(([name, versions]) => ({ name, versions: versions.sort((a, b) => Number(a.version) - Number(b.version)) }));
}

/** The caller's configs of a plugin (`GET /api/v1/plugins/{id}/configs`). */
export function useConfigs(pluginId: string) {
  return useQuery({
    queryKey: configsKey(pluginId),
    queryFn: () => unwrapData(listConfigs({ path: { id: pluginId }, query: { limit: 500 } })),
  });
}

/** One version with its parameters; off until a version is picked. */
export function useConfig(pluginId: string, configId: string | null) {
  return useQuery({
    queryKey: [...configsKey(pluginId), configId],
    queryFn: () => unwrapData(getConfig({ path: { id: pluginId, configId: configId! } })),
    enabled: configId !== null,
    staleTime: Infinity,
  });
}

/** The created version, or the server's problem details (field errors under `errors`). */
export type CreateOutcome = { ok: true; config: ConfigDto; message: string } | { ok: false; error: unknown; status?: number };

/** Creates the next version of the named parameter set (`POST /api/v1/plugins/{id}/configs`). */
export async function createVersion(pluginId: string, name: string, parameters: Record<string, unknown>): Promise<CreateOutcome> {
  const answer = await createConfig({ path: { id: pluginId }, body: { name, parameters } });
  if (answer.data?.data) return { ok: true, config: answer.data.data, message: answer.data.message };
  return { ok: false, error: answer.error, status: answer.response?.status };
}
