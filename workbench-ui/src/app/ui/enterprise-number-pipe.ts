import { Pipe, PipeTransform } from '@angular/core';
import { formatEnterpriseNumber } from './enterprise-number';

@Pipe({ name: 'wbEnterpriseNumber' })
export class EnterpriseNumberPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatEnterpriseNumber(value);
  }
}
