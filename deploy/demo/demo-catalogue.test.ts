import test from 'ava';
import { DOWNTON_SYNOPSIS, demoCatalogue } from './demo-catalogue.ts';

const today = new Date('2026-11-22T08:00:00Z');
const demo = demoCatalogue(today);

test('the demo catalogue is large enough to feel real', (t) => {
  t.true(demo.programmes.length >= 50);
  t.true(demo.episodes.length >= 500, `${demo.episodes.length} episodes`);
  t.true(new Set(demo.programmes.map((p) => p.channel)).size >= 5);
  t.is(new Set(demo.episodes.map((e) => e.episodeId)).size, demo.episodes.length);
});

test('episode 123456 is the Downton Abbey example, watchable today on every platform', (t) => {
  t.like(
    demo.episodes.find((e) => e.episodeId === 123456),
    { synopsis: DOWNTON_SYNOPSIS, orderInSeries: 2, orderInProgramme: 23, programmeId: 1001 },
  );
  t.like(demo.programmes[0], { title: 'Downton Abbey', channel: 'ITV' });
  t.deepEqual(
    demo.guidance.find((g) => g.episodeId === 123456),
    { episodeId: 123456, restricted: true, message: 'Contains Strong Language' },
  );
  const licences = demo.licences.filter((l) => l.episodeId === 123456);
  t.true(licences.some((l) => l.platform === 'samsung' && l.startDate === '2013-01-04T19:30:00Z' && l.endDate === '2013-01-11T19:30:00Z'));
  for (const platform of ['ios', 'android', 'samsung', 'web']) {
    t.true(
      licences.some(
        (l) => l.platform === platform && Date.parse(l.startDate) <= today.getTime() && today.getTime() < Date.parse(l.endDate),
      ),
      platform,
    );
  }
});

test('licence windows lie in the past, the present and the future, and always end after they start', (t) => {
  const now = today.getTime();
  const kinds = new Set(
    demo.licences.map((l) => (Date.parse(l.endDate) <= now ? 'past' : Date.parse(l.startDate) > now ? 'future' : 'present')),
  );
  t.deepEqual([...kinds].sort(), ['future', 'past', 'present']);
  t.true(demo.licences.every((l) => Date.parse(l.endDate) > Date.parse(l.startDate)));
  t.true(demo.guidance.length > demo.episodes.length / 5);
});

test('the demo catalogue is the same every time', (t) => {
  t.deepEqual(demoCatalogue(today), demo);
});
