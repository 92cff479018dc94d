'use client';

/**
 * The settings of the element selected on the canvas (RFC 3261's names: address of record, registrar,
 * outbound proxy, Record-Route...), each field validated as the instructor types, and which of the
 * element's settings the student may change.
 */
import { SETTINGS_BY_KIND, settingLabel, type LabIssue } from '@/sim/lab';
import type { Draft, Update } from './draft';
import { CheckField, JsonField, NumberField, SecondsField, SelectField, TextField } from './fields';
import { NameField } from './NameField';

export type { Update };

export function ElementForm({
  draft,
  index,
  issues,
  update,
  onRename,
  onDelete,
}: {
  draft: Draft;
  index: number;
  issues: readonly LabIssue[];
  update: Update;
  onRename: (from: string, to: string) => void;
  onDelete: (name: string) => void;
}) {
  const el = draft.scenario.elements[index];
  if (!el) return null;
  const at = `scenario.elements[${index}]`;
  const set = (key: string, value: unknown) =>
    update((d) => {
      const target = d.scenario.elements[index];
      if (!target) return;
      if (value === undefined) delete target[key];
      else target[key] = value;
    });
  const common = { issues };
  const registrars = draft.scenario.elements.filter((e) => e.kind === 'registrar');
  const serverUris = draft.scenario.elements.flatMap((e) =>
    typeof e['domain'] === 'string'
      ? [`sip:${e['domain']}`, ...(typeof e['host'] === 'string' ? [`sip:${e['host']}`] : [])]
      : [],
  );
  const unlockable = SETTINGS_BY_KIND.get(el.kind) ?? [];
  const unlocked = draft.unlock.elements?.[el.name] ?? [];
  const isProxy = el.kind === 'stateful-proxy' || el.kind === 'stateless-proxy';
  const answer =
    el['answer'] !== null && typeof el['answer'] === 'object'
      ? (el['answer'] as Record<string, unknown>)
      : undefined;

  return (
    <div className="lab-element-form" data-path={at}>
      <h3>
        {el.name || '(no name)'} <span className="lab-muted lab-small">{el.kind}</span>
      </h3>
      <NameField
        key={el.name}
        element={el}
        index={index}
        draft={draft}
        issues={issues}
        onRename={(to) => onRename(el.name, to)}
      />
      <TextField
        {...common}
        label={`${settingLabel('label')} (shown under the name)`}
        path={`${at}.label`}
        value={el['label']}
        optional
        onChange={(v) => set('label', v)}
      />
      <div className="lab-row">
        <TextField
          {...common}
          label={settingLabel('address')}
          path={`${at}.address`}
          value={el.address}
          onChange={(v) => set('address', v ?? '')}
        />
        <NumberField
          {...common}
          label={settingLabel('port')}
          path={`${at}.port`}
          value={el['port']}
          min={1}
          max={65535}
          onChange={(v) => set('port', v)}
        />
      </div>
      <TextField
        {...common}
        label={settingLabel('host')}
        path={`${at}.host`}
        value={el['host']}
        optional
        hint="Other elements reach it by this name (an A record)."
        onChange={(v) => set('host', v)}
      />
      {isProxy ? (
        <SelectField
          {...common}
          label="Proxy kind"
          path={`${at}.kind`}
          value={el.kind}
          options={[
            { value: 'stateful-proxy', label: 'stateful proxy' },
            { value: 'stateless-proxy', label: 'stateless proxy' },
          ]}
          onChange={(v) => set('kind', v)}
        />
      ) : null}
      {el.kind === 'user-agent' ? (
        <>
          <TextField
            {...common}
            label={settingLabel('aor')}
            path={`${at}.aor`}
            value={el['aor']}
            placeholder="sip:alice@example.com"
            onChange={(v) => set('aor', v ?? '')}
          />
          <TextField
            {...common}
            label={settingLabel('registrar', 'user-agent')}
            path={`${at}.registrar`}
            value={el['registrar']}
            optional
            list={serverUris}
            placeholder="empty: the domain of the AOR"
            hint="Where REGISTER goes. A registrar answers for its domain, e.g. sip:example.com."
            onChange={(v) => set('registrar', v)}
          />
          <TextField
            {...common}
            label={settingLabel('outboundProxy')}
            path={`${at}.outboundProxy`}
            value={el['outboundProxy']}
            optional
            list={serverUris}
            onChange={(v) => set('outboundProxy', v)}
          />
          <div className="lab-row">
            <TextField
              {...common}
              label={settingLabel('username')}
              path={`${at}.username`}
              value={el['username']}
              optional
              onChange={(v) => set('username', v)}
            />
            <TextField
              {...common}
              label={settingLabel('password')}
              path={`${at}.password`}
              value={el['password']}
              optional
              onChange={(v) => set('password', v)}
            />
          </div>
          <div className="lab-row">
            <SelectField
              {...common}
              label={settingLabel('mode')}
              path={`${at}.answer.mode`}
              value={typeof answer?.['mode'] === 'string' ? answer['mode'] : ''}
              options={[
                { value: '', label: 'answer (default)' },
                { value: 'answer', label: 'answer' },
                { value: 'busy', label: 'busy (486)' },
                { value: 'decline', label: 'decline (603)' },
                { value: 'no-answer', label: 'no answer' },
                { value: 'manual', label: 'manual (timeline)' },
              ]}
              onChange={(v) => set('answer', v === '' ? undefined : { ...(answer ?? {}), mode: v })}
            />
            <SecondsField
              {...common}
              label={settingLabel('ringMs')}
              path={`${at}.answer.ringMs`}
              value={answer?.['ringMs']}
              min={0}
              onChange={(v) => {
                if (!answer)
                  set('answer', v === undefined ? undefined : { mode: 'answer', ringMs: v });
                else {
                  const next: Record<string, unknown> = { ...answer };
                  if (v === undefined) delete next['ringMs'];
                  else next['ringMs'] = v;
                  set('answer', next);
                }
              }}
            />
          </div>
          <NumberField
            {...common}
            label={settingLabel('registerExpires')}
            path={`${at}.registerExpires`}
            value={el['registerExpires']}
            min={0}
            onChange={(v) => set('registerExpires', v)}
          />
          <CheckField
            {...common}
            label={settingLabel('refresh')}
            path={`${at}.refresh`}
            checked={el['refresh'] !== false}
            onChange={(v) => set('refresh', v ? undefined : false)}
          />
        </>
      ) : (
        <TextField
          {...common}
          label={settingLabel('domain')}
          path={`${at}.domain`}
          value={el['domain']}
          onChange={(v) => set('domain', v ?? '')}
        />
      )}
      {isProxy || el.kind === 'redirect-server' ? (
        <SelectField
          {...common}
          label={settingLabel('registrar', el.kind)}
          path={`${at}.registrar`}
          value={typeof el['registrar'] === 'string' ? el['registrar'] : ''}
          options={[
            { value: '', label: '(none)' },
            ...registrars.map((r) => ({ value: r.name, label: r.name })),
          ]}
          onChange={(v) => set('registrar', v === '' ? undefined : v)}
        />
      ) : null}
      {isProxy ? (
        <>
          <CheckField
            {...common}
            label={settingLabel('recordRoute')}
            path={`${at}.recordRoute`}
            checked={el['recordRoute'] === true}
            onChange={(v) => set('recordRoute', v)}
          />
          <SelectField
            {...common}
            label={settingLabel('forking')}
            path={`${at}.forking`}
            value={typeof el['forking'] === 'string' ? el['forking'] : ''}
            options={[
              { value: '', label: 'parallel (default)' },
              { value: 'parallel', label: 'parallel' },
              { value: 'sequential', label: 'sequential' },
            ]}
            onChange={(v) => set('forking', v === '' ? undefined : v)}
          />
          <SecondsField
            {...common}
            label={settingLabel('timerCMs')}
            path={`${at}.timerCMs`}
            value={el['timerCMs']}
            min={1}
            onChange={(v) => set('timerCMs', v)}
          />
        </>
      ) : null}
      {el.kind === 'redirect-server' ? (
        <SelectField
          {...common}
          label={settingLabel('status')}
          path={`${at}.status`}
          value={typeof el['status'] === 'number' ? String(el['status']) : ''}
          options={[
            { value: '', label: '302 (default)' },
            { value: '300', label: '300 Multiple Choices' },
            { value: '301', label: '301 Moved Permanently' },
            { value: '302', label: '302 Moved Temporarily' },
          ]}
          onChange={(v) => set('status', v === '' ? undefined : Number(v))}
        />
      ) : null}
      {isProxy || el.kind === 'registrar' ? (
        <>
          <CheckField
            {...common}
            label={settingLabel('authenticate')}
            path={`${at}.authenticate`}
            checked={el['authenticate'] === true}
            onChange={(v) => set('authenticate', v ? true : undefined)}
          />
          {el['authenticate'] === true ? (
            <>
              <TextField
                {...common}
                label={settingLabel('realm')}
                path={`${at}.realm`}
                value={el['realm']}
                optional
                onChange={(v) => set('realm', v)}
              />
              <JsonField
                {...common}
                label={`${settingLabel('users')} (JSON)`}
                path={`${at}.users`}
                value={el['users']}
                hint='[{"username": "alice", "password": "secret"}]'
                onChange={(v) => set('users', v)}
              />
            </>
          ) : null}
        </>
      ) : null}
      {el.kind === 'registrar' ? (
        <>
          <div className="lab-row">
            <NumberField
              {...common}
              label={settingLabel('minExpires')}
              path={`${at}.minExpires`}
              value={el['minExpires']}
              min={0}
              onChange={(v) => set('minExpires', v)}
            />
            <NumberField
              {...common}
              label={settingLabel('maxExpires')}
              path={`${at}.maxExpires`}
              value={el['maxExpires']}
              min={1}
              onChange={(v) => set('maxExpires', v)}
            />
          </div>
          <JsonField
            {...common}
            label={`${settingLabel('bindings')} (JSON)`}
            path={`${at}.bindings`}
            value={el['bindings']}
            hint='[{"aor": "sip:bob@example.com", "contact": "sip:bob@10.0.0.11"}]'
            onChange={(v) => set('bindings', v)}
          />
        </>
      ) : null}
      {el.kind === 'presence-server' ? (
        <JsonField
          {...common}
          label={`${settingLabel('initial')} (JSON)`}
          path={`${at}.initial`}
          value={el['initial']}
          hint='{"sip:bob@example.com": "open"}'
          onChange={(v) => set('initial', v)}
        />
      ) : null}

      <fieldset className="lab-fieldset">
        <legend>The student may change</legend>
        {unlockable
          .filter((s) => s !== 'position' && (s !== 'kind' || isProxy))
          .map((s) => (
            <label key={s} className="lab-check-field lab-check-small">
              <input
                type="checkbox"
                checked={unlocked.includes(s)}
                onChange={(e) =>
                  update((d) => {
                    const map = (d.unlock.elements ??= {});
                    const list = new Set(map[el.name] ?? []);
                    if (e.target.checked) list.add(s);
                    else list.delete(s);
                    if (list.size === 0) delete map[el.name];
                    else map[el.name] = [...list];
                    if (Object.keys(map).length === 0) delete d.unlock.elements;
                  })
                }
              />{' '}
              <span className="visually-hidden">The student may change </span>
              {settingLabel(s, el.kind)}
            </label>
          ))}
      </fieldset>
      <button
        type="button"
        className="lab-button lab-button-danger"
        onClick={() => onDelete(el.name)}
      >
        Delete {el.name || 'this element'}
      </button>
    </div>
  );
}
