import 'reflect-metadata';
import { Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Item {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}
class Basket {
  @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
}
function item(sku: unknown, quantity: unknown): Item {
  return Object.assign(new Item(), { sku, quantity });
}
function basket(...items: Item[]): Basket {
  return Object.assign(new Basket(), { items });
}

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('was written against class-validator 0.15.1: on an upgrade, re-read MetadataStorage.getTargetValidationMetadatas', () => {
    expect((require('class-validator/package.json') as { version: string }).version).toBe('0.15.1');
  });

  it('validates exactly as before, nested objects included, however often it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(validateSync(basket(item('CAKE', 1)))).toEqual([]);
      const [error] = validateSync(basket(item('CAKE', 0)));
      expect(error.children?.[0].children?.[0]).toMatchObject({ property: 'quantity', constraints: { min: expect.any(String) } });
    }
  });

  it('looks the rules up once per class: the second lookup is served from the cache', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Item, '', false, false);
    const spy = jest.spyOn(Map.prototype, 'entries');
    const second = storage.getTargetValidationMetadatas(Item, '', false, false);
    expect(spy).not.toHaveBeenCalled(); // the uncached lookup walks the whole registry with entries()
    spy.mockRestore();
    expect(second).toEqual(first);
    expect(second).not.toBe(first); // each caller gets its own array
  });

  it('sees rules registered after the cache was filled (a subclass defined later inherits them)', () => {
    expect(validateSync(item('CAKE', 1))).toEqual([]);
    class LimitedItem extends Item {
      @IsInt() @Min(1) limit!: number;
    }
    const limited = Object.assign(new LimitedItem(), { sku: 'CAKE', quantity: 0, limit: 0 });
    expect(validateSync(limited).map((e) => e.property).sort()).toEqual(['limit', 'quantity']);
  });

  it('is idempotent: installing twice keeps one layer', () => {
    const storage = getMetadataStorage();
    const before = storage.getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(before);
  });
});
