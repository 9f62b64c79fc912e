import { useSearchParams } from 'react-router';
import { Empty, Failure, Loading } from '../../ui/states';
import { Catalogue } from './Catalogue';
import { PluginDetails } from './PluginDetails';
import { UploadDrop } from './UploadDrop';
import { usePlugins } from './strategiesApi';
import './strategies.css';

/**
 * /strategies: the catalogue (built-ins and the caller's uploads), an upload zone, and the selected strategy
 * (`?plugin=<id>`) with its parameters, configs and, for source strategies, the editor (`&edit=source`).
 */
export function StrategiesPage() {
  const plugins = usePlugins();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('plugin');
  const select = (id: string) => setParams({ plugin: id });
  const edit = (open: boolean) => setParams(open && selectedId ? { plugin: selectedId, edit: 'source' } : selectedId ? { plugin: selectedId } : {});
  const list = plugins.data?.plugins ?? [];
  const selected = list.find((p) => p.id === selectedId) ?? null;

  return (
    <section className="strategies">
      <h1>Strategies</h1>
      <UploadDrop onUploaded={select} />
      <div className="strategies-layout">
        <div className="panel">
          <h2>Catalogue{plugins.data ? ` (${plugins.data.count})` : ''}</h2>
          {plugins.isPending ? (
            <Loading what="the catalogue" />
          ) : plugins.isError ? (
            <Failure message={plugins.error.message} onRetry={() => plugins.refetch()} />
          ) : list.length === 0 ? (
            <Empty>No strategies yet: upload one above.</Empty>
          ) : (
            <Catalogue plugins={list} selected={selectedId} onSelect={select} />
          )}
        </div>
        {selected ? (
          <PluginDetails key={selected.id} plugin={selected} editing={params.get('edit') === 'source'} onEdit={edit} />
        ) : (
          plugins.isSuccess && list.length > 0 && <div className="panel"><Empty>Pick a strategy to see its parameters and configs.</Empty></div>
        )}
      </div>
    </section>
  );
}
