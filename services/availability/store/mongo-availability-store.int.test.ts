import test from 'ava';
import { randomUUID } from 'node:crypto';
import { availabilityStoreContract } from './availability-store.contract.ts';
import { createMongoAvailabilityStore } from './mongo-availability-store.ts';

const url = process.env.MONGODB_URL;
const dbName = `availability_test_${randomUUID().slice(0, 8)}`;

/*
 * The MongoDB leg of the contract runs whenever MONGODB_URL points at a server. MongoDB cannot
 * be installed on the development machines, so even with REQUIRE_SERVICES=1 its absence skips
 * (loudly) instead of failing; CI with a MongoDB service sets MONGODB_URL and runs it.
 */
const required =
  process.env.REQUIRE_SERVICES === '1'
    ? ' (REQUIRE_SERVICES=1 is set, but MongoDB cannot exist on these machines, so this still only skips)'
    : '';

availabilityStoreContract(
  test,
  'mongo store',
  url
    ? () => createMongoAvailabilityStore({ url, dbName, prefix: `${randomUUID().slice(0, 8)}_` })
    : { skip: `MONGODB_URL is not set: the MongoDB adapter was NOT tested${required}` },
);
