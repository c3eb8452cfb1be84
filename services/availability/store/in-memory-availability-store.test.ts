import test from 'ava';
import { availabilityStoreContract } from './availability-store.contract.ts';
import { createInMemoryAvailabilityStore } from './in-memory-availability-store.ts';

availabilityStoreContract(test, 'in-memory store', async () => createInMemoryAvailabilityStore());
