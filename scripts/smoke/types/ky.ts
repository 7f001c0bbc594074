// Type fixture for @ids-auth/ky, compiled against the packed declarations only.
import { idsAuth } from '@ids-auth/ky';
import ky from 'ky';

export const api = ky.create(idsAuth({ baseUrl: 'http://127.0.0.1:9' }));
