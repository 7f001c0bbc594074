import type { HeaderAccess } from '@ids-auth/core';
import { AxiosHeaders } from 'axios';

/** The header containers adapters meet: what axios, got, ky and fetch callers pass in. */
export const HEADER_SHAPES = ['object', 'axios-headers', 'headers', 'pairs'] as const;
export type HeaderShape = (typeof HEADER_SHAPES)[number];

export type HeaderEntry = readonly [name: string, value: string];

/** One request's headers in a given shape, plus what would go on the wire. */
export interface HeaderCollection {
  shape: HeaderShape;
  access: HeaderAccess;
  /** Every name and value the host would send, in stored letter case. */
  wire(): HeaderEntry[];
  /** The container itself, to pass to a host client as its `headers` option. */
  container(): Record<string, string> | AxiosHeaders | Headers | Array<[string, string]>;
}

function fromObject(entries: readonly HeaderEntry[]): HeaderCollection {
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) headers[name] = value;

  return {
    shape: 'object',
    access: {
      names: () => Object.keys(headers),
      get: (name) => headers[name],
      set: (name, value) => {
        headers[name] = value;
      },
      delete: (name) => {
        delete headers[name];
      },
    },
    wire: () => Object.entries(headers),
    container: () => headers,
  };
}

function fromAxiosHeaders(entries: readonly HeaderEntry[]): HeaderCollection {
  const headers = new AxiosHeaders();
  for (const [name, value] of entries) headers.set(name, value);
  const stored = (): HeaderEntry[] =>
    Object.entries(headers.toJSON()).map(([name, value]) => [name, String(value)]);

  return {
    shape: 'axios-headers',
    access: {
      names: () => stored().map(([name]) => name),
      get: (name) => {
        const value = headers.get(name);
        return value === undefined || value === null ? undefined : String(value);
      },
      set: (name, value) => {
        headers.set(name, value);
      },
      delete: (name) => {
        headers.delete(name);
      },
    },
    wire: stored,
    container: () => headers,
  };
}

function fromHeaders(entries: readonly HeaderEntry[]): HeaderCollection {
  const headers = new Headers();
  for (const [name, value] of entries) headers.append(name, value);

  return {
    shape: 'headers',
    access: {
      names: () => [...new Set(headers.keys())],
      get: (name) => headers.get(name) ?? undefined,
      set: (name, value) => headers.set(name, value),
      delete: (name) => headers.delete(name),
    },
    wire: () => [...headers.entries()],
    container: () => headers,
  };
}

// Arrays of pairs can repeat a name, as the array form of fetch's `HeadersInit` can.
function fromPairs(entries: readonly HeaderEntry[]): HeaderCollection {
  let pairs: HeaderEntry[] = [...entries];
  const valuesOf = (name: string) => pairs.filter(([stored]) => stored === name).map(([, v]) => v);

  return {
    shape: 'pairs',
    access: {
      names: () => [...new Set(pairs.map(([name]) => name))],
      get: (name) => {
        const values = valuesOf(name);
        return values.length === 0 ? undefined : values.join(', ');
      },
      set: (name, value) => {
        pairs = pairs.filter(([stored]) => stored !== name);
        pairs.push([name, value]);
      },
      delete: (name) => {
        pairs = pairs.filter(([stored]) => stored !== name);
      },
    },
    wire: () => [...pairs],
    container: () => pairs.map(([name, value]): [string, string] => [name, value]),
  };
}

/** Builds `entries` into a header collection of the given shape, as a caller would. */
export function buildHeaders(
  shape: HeaderShape,
  entries: readonly HeaderEntry[],
): HeaderCollection {
  switch (shape) {
    case 'object':
      return fromObject(entries);
    case 'axios-headers':
      return fromAxiosHeaders(entries);
    case 'headers':
      return fromHeaders(entries);
    case 'pairs':
      return fromPairs(entries);
  }
}

/** Wire entries whose name equals `name` in any letter case. */
export function entriesNamed(wire: readonly HeaderEntry[], name: string): HeaderEntry[] {
  const lower = name.toLowerCase();
  return wire.filter(([stored]) => stored.toLowerCase() === lower);
}
