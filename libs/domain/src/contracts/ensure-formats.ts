import { Format } from 'typebox/format';

/**
 * TypeBox 1.x checks `date-time` out of the box, but its format registry is global and an unknown
 * format passes silently; re-registering here keeps our contracts checked even if a host cleared it.
 */
export function ensureContractFormats(): void {
  if (!Format.Has('date-time')) Format.Set('date-time', Format.IsDateTime);
}
