// The attendance grid of the activity form: one row per picked participant with "anwesend" and hours,
// a search box that asks the server (Enter adds the highlighted match), an area filter, and the two
// shortcuts "Gruppe der letzten Sitzung übernehmen" and "Alle anwesend". Fully keyboard-usable:
// arrows move through matches, Enter adds, Escape clears, Space toggles a checkbox, every control is a
// native button/input in a sane tab order. The rows post as plain inputs of the surrounding <Form>:
// `attendee` (ids in order), `present_<id>`, `hours_<id>`.
import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { formatDate } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";
import { FieldError } from "./form-ui";

export interface GridParticipant {
  id: string;
  participantNo: string;
  name: string | null;
  areaName?: string | null;
}

export interface GridRow extends GridParticipant {
  present: boolean;
  /** Hours as typed; null = follows the activity's duration. */
  hours: string | null;
}

/** What the search resource route answers. */
export type SearchAnswer =
  | { kind: "search"; q: string; areaId: string; participants: GridParticipant[] }
  | { kind: "lastGroup"; startsAt: string | Date | null; participants: GridParticipant[] };

interface Props {
  projectId: string;
  initialRows: GridRow[];
  /** The duration field's current value (hours as typed): rows without own hours follow it. */
  durationHours: string;
  /** The form's current type, series and date, for "last session's group" and the active-on-date search filter. */
  typeId: string;
  seriesId?: string | null;
  date: string;
  activityId?: string | null;
  areas: { id: string; name: string }[];
  errors?: FieldErrors;
}

export function rowLabel(row: GridParticipant): string {
  return row.name ? `${row.participantNo} ${row.name}` : row.participantNo;
}

export function AttendanceGrid({ projectId, initialRows, durationHours, typeId, seriesId, date, activityId, areas, errors }: Props) {
  const t = useT();
  const locale = useLocale();
  const uid = useId().replace(/:/g, "");
  const [rows, setRows] = useState<GridRow[]>(initialRows);
  const [query, setQuery] = useState("");
  const [areaId, setAreaId] = useState("");
  const [highlight, setHighlight] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const [ready, setReady] = useState(false);
  /** Enter pressed before the matches for the current text arrived: add the first one when they do. */
  const [pendingEnter, setPendingEnter] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const search = useFetcher<SearchAnswer>({ key: `attendee-search-${uid}` });
  const lastGroup = useFetcher<SearchAnswer>({ key: `attendee-last-${uid}` });
  const base = `/projects/${projectId}/activities/participant-search`;

  useEffect(() => setReady(true), []);

  const normalised = query.trim().replace(/\s+/g, " ");
  const active = normalised !== "" || areaId !== "";
  useEffect(() => {
    if (!active) return;
    const params = new URLSearchParams({ q: normalised });
    if (areaId) params.set("areaId", areaId);
    if (date) params.set("date", date);
    // why: a short pause keeps fast typing from sending a request per key.
    const timer = setTimeout(() => search.load(`${base}?${params}`), 120);
    return () => clearTimeout(timer);
  }, [normalised, areaId, date, active, base]);

  const picked = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const answer = search.data?.kind === "search" ? search.data : null;
  const current = Boolean(active && answer && answer.q === normalised && answer.areaId === areaId);
  const matches = current && answer ? answer.participants.filter((p) => !picked.has(p.id)) : [];
  const highlighted = matches[Math.min(highlight, matches.length - 1)] ?? null;

  function addRows(participants: GridParticipant[]): number {
    const fresh = participants.filter((p) => !picked.has(p.id));
    if (fresh.length) setRows((before) => [...before, ...fresh.map((p) => ({ ...p, present: true, hours: null }))]);
    return fresh.length;
  }

  function addOne(participant: GridParticipant) {
    addRows([participant]);
    setAnnouncement(t("activities.grid.added", { label: rowLabel(participant) }));
    setQuery("");
    setHighlight(0);
    setPendingEnter(false);
    searchRef.current?.focus();
  }

  useEffect(() => {
    if (pendingEnter && current && highlighted) addOne(highlighted);
    else if (pendingEnter && current && !highlighted) setPendingEnter(false);
  }, [pendingEnter, current, highlighted]);

  // "last session's group" arrives: merge it in, everyone marked present.
  const lastAnswer = lastGroup.data?.kind === "lastGroup" ? lastGroup.data : null;
  const handledLast = useRef<SearchAnswer | null>(null);
  useEffect(() => {
    if (!lastAnswer || handledLast.current === lastAnswer || lastGroup.state !== "idle") return;
    handledLast.current = lastAnswer;
    if (!lastAnswer.startsAt || !lastAnswer.participants.length) {
      setAnnouncement(t("activities.grid.lastGroupNone"));
      return;
    }
    const added = addRows(lastAnswer.participants);
    setAnnouncement(t("activities.grid.lastGroupAdded", { count: added, date: formatDate(new Date(lastAnswer.startsAt), locale) }));
  }, [lastAnswer, lastGroup.state]);

  function onSearchKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setHighlight((h) => Math.min(h + 1, Math.max(matches.length - 1, 0)));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === "Enter") {
      // why: Enter here adds a person; it must never submit the activity form.
      event.preventDefault();
      if (current && highlighted) addOne(highlighted);
      else if (normalised) setPendingEnter(true);
    } else if (event.key === "Escape") {
      if (query) {
        event.preventDefault();
        setQuery("");
        setHighlight(0);
      }
    }
  }

  function takeLastGroup() {
    const params = new URLSearchParams({ lastGroup: "1" });
    if (typeId) params.set("typeId", typeId);
    if (seriesId) params.set("seriesId", seriesId);
    if (date) params.set("date", date);
    if (activityId) params.set("excludeActivityId", activityId);
    lastGroup.load(`${base}?${params}`);
  }

  function markAllPresent() {
    setRows((before) => before.map((r) => ({ ...r, present: true })));
    setAnnouncement(t("activities.grid.allPresentDone", { count: rows.length }));
  }

  function removeRow(row: GridRow) {
    setRows((before) => before.filter((r) => r.id !== row.id));
    setAnnouncement(t("activities.grid.removed", { label: rowLabel(row) }));
    searchRef.current?.focus();
  }

  const presentCount = rows.filter((r) => r.present).length;
  const listId = `attendee-results-${uid}`;
  const optionId = (id: string) => `attendee-option-${uid}-${id}`;
  const listErrors = errors?.attendees;

  return (
    <fieldset className="attendance" data-ready={ready ? "true" : undefined} aria-describedby={listErrors?.length ? "attendees-error" : undefined}>
      <legend>{t("activities.fieldset.attendance")}</legend>
      <noscript>
        <p className="alert alert-info">{t("activities.grid.noScript")}</p>
      </noscript>
      <div className="attendance-tools">
        <div className="field attendance-search">
          <label htmlFor={`attendee-search-${uid}`}>{t("activities.grid.search")}</label>
          <input
            ref={searchRef}
            id={`attendee-search-${uid}`}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={active && matches.length > 0}
            aria-controls={listId}
            aria-activedescendant={highlighted ? optionId(highlighted.id) : undefined}
            aria-describedby={`attendee-search-hint-${uid}`}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setHighlight(0);
            }}
            onKeyDown={onSearchKeyDown}
          />
          <p className="hint" id={`attendee-search-hint-${uid}`}>
            {t("activities.grid.searchHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`attendee-area-${uid}`}>{t("activities.grid.areaFilter")}</label>
          <select id={`attendee-area-${uid}`} value={areaId} onChange={(event) => setAreaId(event.target.value)}>
            <option value="">{t("activities.grid.allAreas")}</option>
            {areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="attendance-results">
        <ul id={listId} role="listbox" aria-label={t("activities.grid.results")} className="attendance-options" hidden={!active || matches.length === 0}>
          {matches.map((p, index) => (
            <li
              key={p.id}
              id={optionId(p.id)}
              role="option"
              aria-selected={highlighted?.id === p.id}
              className={highlighted?.id === p.id ? "highlighted" : undefined}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => addOne(p)}
              onMouseEnter={() => setHighlight(index)}
            >
              <strong>{p.participantNo}</strong> {p.name ?? ""} {p.areaName ? <span className="muted">· {p.areaName}</span> : null}
            </li>
          ))}
        </ul>
        {active && !current && search.state !== "idle" ? <p className="muted">{t("activities.grid.searching")}</p> : null}
        {active && current && matches.length === 0 ? <p className="muted">{t("activities.grid.noResults")}</p> : null}
      </div>
      <div className="form-actions">
        {matches.length > 1 ? (
          <button type="button" className="button-secondary" onClick={() => {
            const count = addRows(matches);
            setAnnouncement(t("activities.grid.addedMany", { count }));
          }}>
            {t("activities.grid.addAllResults", { count: matches.length })}
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={takeLastGroup} disabled={lastGroup.state !== "idle"}>
          {t("activities.grid.lastGroup")}
        </button>
        <button type="button" className="button-secondary" onClick={markAllPresent} disabled={rows.length === 0}>
          {t("activities.grid.allPresent")}
        </button>
      </div>
      <p className="attendance-summary" role="status" aria-live="polite">
        <span>{t("activities.grid.summary", { count: rows.length, present: presentCount })}</span>
        {announcement ? <span className="visually-hidden"> {announcement}</span> : null}
      </p>
      <FieldError id="attendees-error" errors={listErrors} />
      {rows.length ? (
        <div className="table-wrap">
          <table className="attendance-table">
            <caption className="visually-hidden">{t("activities.grid.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("activities.grid.col.no")}</th>
                <th scope="col">{t("activities.grid.col.name")}</th>
                <th scope="col">{t("activities.grid.col.present")}</th>
                <th scope="col">{t("activities.grid.col.hours")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = rowLabel(row);
                const rowErrors = errors?.[`attendee.${row.id}`];
                const hoursValue = row.present ? row.hours ?? durationHours : "0";
                return (
                  <tr key={row.id}>
                    <td>
                      <input type="hidden" name="attendee" value={row.id} />
                      {row.participantNo}
                    </td>
                    <td>{row.name ?? ""}</td>
                    <td>
                      <input
                        type="checkbox"
                        id={`present_${row.id}`}
                        name={`present_${row.id}`}
                        checked={row.present}
                        aria-label={t("activities.grid.presentLabel", { label })}
                        onChange={(event) => {
                          const present = event.target.checked;
                          setRows((before) => before.map((r) => (r.id === row.id ? { ...r, present } : r)));
                        }}
                      />
                    </td>
                    <td>
                      <input
                        type="text"
                        inputMode="decimal"
                        className="hours-input"
                        id={`hours_${row.id}`}
                        name={`hours_${row.id}`}
                        value={hoursValue}
                        readOnly={!row.present}
                        aria-label={t("activities.grid.hoursLabel", { label })}
                        aria-invalid={rowErrors?.length ? true : undefined}
                        aria-describedby={rowErrors?.length ? `hours_${row.id}-error` : undefined}
                        onChange={(event) => {
                          const hours = event.target.value;
                          setRows((before) => before.map((r) => (r.id === row.id ? { ...r, hours } : r)));
                        }}
                      />
                      <FieldError id={`hours_${row.id}-error`} errors={rowErrors} />
                    </td>
                    <td>
                      <button type="button" className="link-button" aria-label={t("activities.grid.removeLabel", { label })} onClick={() => removeRow(row)}>
                        {t("activities.grid.remove")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("activities.grid.empty")}</p>
      )}
    </fieldset>
  );
}

