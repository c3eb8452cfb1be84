import test from 'ava';
import { createInMemoryLicenceRepository } from './in-memory-licence-repository.ts';
import { licenceRepositoryContract } from './licence-repository.contract.ts';

licenceRepositoryContract(test, 'in-memory', async () => createInMemoryLicenceRepository());
