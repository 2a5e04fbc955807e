import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested, validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { toFieldErrors } from './validation-errors.mapper';

class Line {
  @IsString() sku: string;
  @IsInt() @Min(1) quantity: number;
}
class PlaceOrder {
  @IsString() storeId: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines: Line[];
}

async function errorsFor(body: unknown) {
  const errors = await validate(plainToInstance(PlaceOrder, body) as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return toFieldErrors(errors);
}

describe('toFieldErrors', () => {
  it('lists every field and constraint, nested ones with their path', async () => {
    const errors = await errorsFor({ storeId: 7, lines: [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 0, x: 1 }], extra: 1 });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'storeId', pointer: '#/storeId', constraint: 'isString' }),
        expect.objectContaining({ field: 'lines[1].quantity', pointer: '#/lines/1/quantity', constraint: 'min' }),
        expect.objectContaining({ field: 'lines[1].x', constraint: 'whitelistValidation' }),
        expect.objectContaining({ field: 'extra', constraint: 'whitelistValidation' }),
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('reports a body that is not an object', () => {
    const errors = toFieldErrors([{ property: '', constraints: { unknownValue: 'an unknown value…' }, children: [] }]);
    expect(errors).toEqual([
      { field: '', pointer: '#', constraint: 'unknownValue', detail: 'The request body must be a JSON object.' },
    ]);
  });
});
