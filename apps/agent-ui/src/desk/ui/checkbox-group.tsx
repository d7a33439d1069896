/**
 * A fieldset of checkboxes picking records by id (portals, companies…), with its hint, a line
 * when there is nothing to pick, and Desk's field error under it.
 */
export function CheckboxGroup(props: {
  hintId: string;
  legend: string;
  hint: string;
  empty: string;
  /** The records to pick from; undefined while they load. */
  options: readonly { id: number; name: string }[] | undefined;
  selected: readonly number[];
  onChange(update: (ids: number[]) => number[]): void;
  error?: string;
}) {
  return (
    <fieldset className="form-field choice-group" aria-describedby={props.hintId}>
      <legend>{props.legend}</legend>
      <p id={props.hintId} className="hint">
        {props.hint}
      </p>
      {props.options?.length === 0 && <p>{props.empty}</p>}
      {props.options?.map((option) => (
        <label key={option.id} className="choice">
          <input
            type="checkbox"
            checked={props.selected.includes(option.id)}
            onChange={(e) =>
              props.onChange((ids) =>
                e.target.checked ? [...ids, option.id] : ids.filter((i) => i !== option.id),
              )
            }
          />
          {option.name}
        </label>
      ))}
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  );
}
