import test from 'ava';
import { catalogueRepositoryContract } from './catalogue-repository.contract.ts';
import { createInMemoryCatalogueRepository } from './in-memory-catalogue-repository.ts';

catalogueRepositoryContract(test, 'in-memory', async () => createInMemoryCatalogueRepository());
