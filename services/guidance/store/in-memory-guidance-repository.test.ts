import test from 'ava';
import { guidanceRepositoryContract } from './guidance-repository.contract.ts';
import { createInMemoryGuidanceRepository } from './in-memory-guidance-repository.ts';

guidanceRepositoryContract(test, 'in-memory', async () => createInMemoryGuidanceRepository());
