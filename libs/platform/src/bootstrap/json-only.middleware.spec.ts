import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from '../http/http.types';
import { jsonOnlyMiddleware } from './json-only.middleware';

function outcome(method: string, headers: Record<string, string>, acceptForms = false): unknown {
  let result: unknown = 'not called';
  jsonOnlyMiddleware({ acceptForms })({ method, headers } as unknown as HttpRequest, {} as HttpResponse, (err) => (result = err));
  return result;
}

describe('jsonOnlyMiddleware', () => {
  it('passes JSON and +json bodies, bodiless requests and GETs', () => {
    expect(outcome('POST', { 'content-type': 'application/json; charset=utf-8', 'content-length': '2' })).toBeUndefined();
    expect(outcome('PATCH', { 'content-type': 'application/merge-patch+json', 'content-length': '2' })).toBeUndefined();
    expect(outcome('POST', {})).toBeUndefined();
    expect(outcome('POST', { 'content-length': '0', 'content-type': 'text/plain' })).toBeUndefined();
    expect(outcome('GET', { 'content-type': 'text/plain', 'content-length': '4' })).toBeUndefined();
  });

  it('refuses other types, or a body without a type, with 415', () => {
    expect(outcome('POST', { 'content-type': 'text/plain', 'content-length': '4' })).toBeInstanceOf(UnsupportedMediaTypeException);
    expect(outcome('PUT', { 'transfer-encoding': 'chunked' })).toBeInstanceOf(UnsupportedMediaTypeException);
  });

  it('accepts form posts only when asked to', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' };
    expect(outcome('POST', form)).toBeInstanceOf(UnsupportedMediaTypeException);
    expect(outcome('POST', form, true)).toBeUndefined();
  });
});
