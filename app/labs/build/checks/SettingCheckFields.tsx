'use client';

/** A setting check: a setting of an element, as the student left it (Record-Route switched on). */
import { SETTINGS_BY_KIND, settingLabel, type LabIssue } from '@/sim/lab';
import type { DraftElement, Obj, ObjUpdate } from '../draft';
import { ElementSelect, JsonField, SelectField } from '../fields';

export function SettingCheckFields({
  c,
  at,
  issues,
  elements,
  change,
}: {
  c: Obj;
  at: string;
  issues: readonly LabIssue[];
  elements: readonly DraftElement[];
  change: ObjUpdate;
}) {
  const el = elements.find((e) => e.name === c['element']);
  const settings = el ? (SETTINGS_BY_KIND.get(el.kind) ?? []) : [];
  const setting = typeof c['setting'] === 'string' ? c['setting'] : '';
  return (
    <div className="lab-row">
      <ElementSelect
        issues={issues}
        label="Element"
        path={`${at}.element`}
        names={elements.map((e) => e.name)}
        none="(choose)"
        value={c['element']}
        onChange={(v) => change((o) => (o['element'] = v ?? ''))}
      />
      <SelectField
        issues={issues}
        label="Setting"
        path={`${at}.setting`}
        value={setting}
        options={[
          ...(settings.includes(setting)
            ? []
            : [{ value: setting, label: setting === '' ? '(choose)' : setting }]),
          ...settings
            .filter((s) => s !== 'position')
            .map((s) => ({ value: s, label: settingLabel(s, el?.kind) })),
        ]}
        onChange={(v) => change((o) => (o['setting'] = v))}
      />
      <JsonField
        issues={issues}
        label='Equals (JSON: true, 5, "text")'
        path={`${at}.equals`}
        value={c['equals']}
        rows={1}
        onChange={(v) => change((o) => (o['equals'] = v === undefined ? null : v))}
      />
    </div>
  );
}
