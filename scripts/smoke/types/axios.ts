// Type fixture for @ids-auth/axios, compiled against the packed declarations only.
import { idsAuth, withIdsAuth } from '@ids-auth/axios';
import axios from 'axios';

const client = axios.create({ baseURL: 'http://127.0.0.1:9' });
client.interceptors.request.use(idsAuth({ baseUrl: 'http://127.0.0.1:9' }));

export const detach: () => void = withIdsAuth(client, { baseUrl: 'http://127.0.0.1:9' });
