import test from 'ava';
import { availabilityStoreContract } from './availability-store.contract.ts';
import { createInMemoryAvailabilityStore } from './in-memory-availability-store.ts';

// Twice: with "now" at the instant the contract asks about (answered from the live lists), and
// with the system clock, months away (answered by testing candidates' windows at that instant).
availabilityStoreContract(test, 'in-memory store', async ({ clock }) => createInMemoryAvailabilityStore({ clock }));
availabilityStoreContract(test, 'in-memory store at another instant', async () => createInMemoryAvailabilityStore());
