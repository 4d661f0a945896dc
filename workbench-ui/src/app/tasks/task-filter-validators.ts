import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import { isInvertedRange, parseAmount } from './task-filters';

/** Amount typed in the current locale (read at validation time, so a language switch applies at once). */
export function amountValidator(locale: () => string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const result = parseAmount(control.value ?? '', locale());
    return 'error' in result ? { [`amount.${result.error}`]: true } : null;
  };
}

/** On the filter group: "from" above "up to" (both valid), which the server would answer with nothing. */
export function amountRangeValidator(locale: () => string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const min = parseAmount(group.get('amountMin')?.value ?? '', locale());
    const max = parseAmount(group.get('amountMax')?.value ?? '', locale());
    return 'value' in min && 'value' in max && isInvertedRange(min.value, max.value) ? { amountRange: true } : null;
  };
}

/** Filters apply while typing, so errors show as soon as a field was changed, and the range error on "up to". */
export class FilterErrorMatcher implements ErrorStateMatcher {
  constructor(private readonly groupError?: string) {}

  isErrorState(control: AbstractControl | null): boolean {
    if (!control || !(control.dirty || control.touched)) return false;
    return control.invalid || (!!this.groupError && !!control.parent?.hasError(this.groupError));
  }
}
