import { Group, SegmentedControl } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { parseOneOf } from '../../components/one-of.js';
import classes from './admin.module.css';

/**
 * A filter kept in the address (so a view can be shared): `?name=value`, or nothing for "all".
 * Returns the current value (undefined for all or a value not in `allowed`) and a setter.
 */
export function useParamFilter<T extends string>(name: string, allowed: readonly T[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const value = parseOneOf(allowed, searchParams.get(name));
  const set = (next: string) => setSearchParams(next === 'all' ? {} : { [name]: next }, { replace: true });
  return [value, set] as const;
}

/** A labelled row of options above a list ("Role", "Status"), with "all" as the value for no filter. */
export function SegmentedFilter({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <Group px={{ base: 'md', sm: 'lg' }} py="md">
      <fieldset className={classes.filter}>
        <legend className={classes.legend}>{legend}</legend>
        <div className={classes.filterOptions}>
          <SegmentedControl data={options} value={value ?? 'all'} onChange={onChange} />
        </div>
      </fieldset>
    </Group>
  );
}
