"""The game's sounds, synthesised with numpy: `python -m sispam.ui.sound_gen [--out DIR]`, and
the megaphone voice lines spoken by espeak-ng: `python -m sispam.ui.sound_gen --voices`.

Writes 16-bit mono WAV files at 22,050 Hz into `sispam/data/sounds/` (or DIR), each atomically.
Every sound draws from its own generator seeded from `SEED` and its name, so the files are the
same on every run and changing one sound leaves the others as they are.

Voices are built from syllables: a sawtooth at the speaker's pitch (every harmonic, falling
6 dB per octave like a glottal source seen through the lips) shaped by the three formants of an
Indonesian vowel. A crowd is many such voices at different distances, the murmur of the calm
one and the shouting and chanting of the angry one. The loops are periodic by construction:
every event that runs past the loop's end wraps round to its start, and every filter is a
circular (FFT) one, so the join is as smooth as any other point of the loop and needs no
crossfade.

The voice lines (`VOICES`) are the one part made with an outside program: espeak-ng speaks the
Indonesian text and our own megaphone filter (`megaphone_filter`) makes it a loudspeaker's. They
are generated only with `--voices` (espeak-ng must be installed), so that the numpy sounds can be
checked against this script on any machine; the voice files are checked for format and length.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import wave
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from sispam.atomic import OutputError, atomic_bytes
from sispam.resources import sounds_dir

SAMPLE_RATE = 22050
PEAK_DBFS = -3.0  # every file is normalised to this peak; the game's mixer sets relative levels
SEED = 2024
ASSETS_DIR = sounds_dir()

# Formants F1, F2, F3 (Hz) of the five Indonesian vowels, adult voices (rounded textbook values).
VOWELS: dict[str, tuple[float, float, float]] = {
    "a": (730.0, 1250.0, 2550.0),
    "e": (480.0, 1900.0, 2600.0),
    "i": (300.0, 2250.0, 2950.0),
    "o": (500.0, 900.0, 2450.0),
    "u": (330.0, 850.0, 2300.0),
}
_FORMANT_GAIN = (1.0, 0.55, 0.3)
_FORMANT_BANDWIDTH_HZ = (90.0, 110.0, 170.0)

Rng = np.random.Generator
Response = Callable[[np.ndarray], np.ndarray]  # gain at each frequency (Hz)


# --- building blocks --------------------------------------------------------------------------


def _n(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def _filter(x: np.ndarray, response: Response) -> np.ndarray:
    """`x` filtered through a zero-phase `response`, circularly (x is taken as periodic)."""
    freqs = np.fft.rfftfreq(len(x), 1.0 / SAMPLE_RATE)
    return np.fft.irfft(np.fft.rfft(x) * response(freqs), len(x))


def _padded_filter(x: np.ndarray, response: Response, tail: int = 1024) -> np.ndarray:
    """`x` filtered through `response` with room after it for the filter's ringing."""
    size = 1 << int(np.ceil(np.log2(len(x) + 2 * tail)))
    y = _filter(np.concatenate((x, np.zeros(size - len(x)))), response)
    return y[: len(x) + tail]


def _band(centre_hz: float, width_oct: float) -> Response:
    """A smooth band-pass: a Gaussian in octaves around `centre_hz`."""
    return lambda f: np.exp(-0.5 * (np.log2(np.maximum(f, 1.0) / centre_hz) / width_oct) ** 2)


def _lowpass(corner_hz: float, order: int = 2) -> Response:
    return lambda f: 1.0 / np.sqrt(1.0 + (f / corner_hz) ** (2 * order))


def _highpass(corner_hz: float, order: int = 2) -> Response:
    return lambda f: 1.0 / np.sqrt(1.0 + (corner_hz / np.maximum(f, 1e-3)) ** (2 * order))


def _chain(*responses: Response) -> Response:
    def response(f: np.ndarray) -> np.ndarray:
        gain = np.ones_like(f)
        for r in responses:
            gain = gain * r(f)
        return gain
    return response


def _noise(rng: Rng, n: int, response: Response) -> np.ndarray:
    """Periodic coloured noise of `n` samples with unit RMS."""
    x = _filter(rng.standard_normal(n), response)
    return x / max(float(np.sqrt(np.mean(x * x))), 1e-12)


def _slow_wobble(rng: Rng, n: int, rate_hz: float, depth: float) -> np.ndarray:
    """A periodic random gain around 1, changing at about `rate_hz`."""
    w = _noise(rng, n, _lowpass(rate_hz, 2))
    return np.clip(1.0 + depth * w, 0.0, None)


def _add_wrapped(buf: np.ndarray, start: int, x: np.ndarray) -> None:
    """Add `x` into the loop `buf` from `start`, wrapping round its end."""
    n, pos, done = len(buf), start % len(buf), 0
    while done < len(x):
        take = min(len(x) - done, n - pos)
        buf[pos: pos + take] += x[done: done + take]
        done += take
        pos = 0


def _reverb(x: np.ndarray, rng: Rng, decay_s: float, wet: float) -> np.ndarray:
    """Open-air reflections: `x` convolved circularly with exponentially decaying noise."""
    t = np.arange(len(x)) / SAMPLE_RATE
    ir = rng.standard_normal(len(x)) * np.exp(-t * 6.9 / decay_s)  # -60 dB at decay_s
    ir[: _n(0.012)] = 0.0  # the first reflection arrives after a few metres of path
    ir /= np.sqrt(np.sum(ir * ir))
    tail = np.fft.irfft(np.fft.rfft(x) * np.fft.rfft(ir), len(x))
    return x + wet * tail


def _envelope(n: int, attack: int, release: int) -> np.ndarray:
    """Raised-cosine attack and release around a flat middle."""
    env = np.ones(n)
    attack, release = min(attack, n // 2), min(release, n // 2)
    if attack:
        env[:attack] = 0.5 - 0.5 * np.cos(np.pi * np.arange(attack) / attack)
    if release:
        env[n - release:] = 0.5 + 0.5 * np.cos(np.pi * (np.arange(release) + 1) / release)
    return env


def _vowel_response(vowel: str, shift: float, brightness: float) -> Response:
    """Three formant resonances (scaled by `shift`), a floor between them, and a tilt:
    `brightness` > 0 lifts the highs as a raised voice does."""
    formants = [f * shift for f in VOWELS[vowel]]

    def response(f: np.ndarray) -> np.ndarray:
        gain = np.full_like(f, 0.03)
        for fc, a, bw in zip(formants, _FORMANT_GAIN, _FORMANT_BANDWIDTH_HZ, strict=True):
            gain = gain + a / (1.0 + ((f - fc) / (bw / 2.0)) ** 2)
        tilt = (np.maximum(f, 100.0) / 1000.0) ** brightness
        return gain * tilt * _highpass(80.0)(f) * _lowpass(5000.0, 3)(f)
    return response


def syllable(rng: Rng, dur_s: float, f0_hz: float, vowel: str, *, glide: float = 0.05,
             brightness: float = 0.0, drive: float = 0.0, consonant: bool = False) -> np.ndarray:
    """One voiced syllable (returned with a short ringing tail after `dur_s`).

    Args:
        rng: the sound's generator.
        dur_s: length of the voiced part (s).
        f0_hz: pitch at its end; it starts `glide` higher (a stressed, falling syllable).
        vowel: a key of `VOWELS`.
        brightness: spectral tilt (0: normal voice, 0.5-1: shouting).
        drive: how hard the voice is pushed into a rough, clipped shout (0: clean).
        consonant: start with a short burst of noise (t, s, k).
    """
    n = _n(dur_s)
    t = np.arange(n) / SAMPLE_RATE
    vibrato = 1.0 + 0.012 * np.sin(2 * np.pi * rng.uniform(4.5, 6.5) * t + rng.uniform(0, 2 * np.pi))
    jitter = 1.0 + 0.004 * rng.standard_normal(n).cumsum() / np.sqrt(np.arange(1, n + 1))
    f0 = f0_hz * (1.0 + glide * (1.0 - t / dur_s)) * vibrato * jitter
    phase = np.cumsum(f0) / SAMPLE_RATE + rng.random()
    source = 2.0 * (phase % 1.0) - 1.0 + 0.15 * rng.standard_normal(n)  # folds and breath
    source *= _envelope(n, _n(rng.uniform(0.015, 0.035)), _n(rng.uniform(0.04, 0.08)))
    if drive > 0:
        source = np.tanh((1.0 + drive) * source) / np.tanh(1.0 + drive)
    shift = rng.uniform(0.92, 1.1) * (1.0 + 0.12 * brightness)  # shouting opens the jaw: F1 rises
    voice = _padded_filter(source, _vowel_response(vowel, shift, brightness))
    if consonant:
        lead = _n(0.025)
        burst = _burst_noise(rng, 0.03, 0.008, _band(rng.uniform(2500.0, 4500.0), 0.5))
        voice = np.concatenate((np.zeros(lead), voice))
        k = min(len(burst), len(voice))
        voice[:k] += burst[:k] * 0.4 * float(np.abs(voice).max() / max(np.abs(burst).max(), 1e-12))
    return voice


def _babble(rng: Rng, buf: np.ndarray, voices: int, *, male_f0: tuple[float, float],  # noqa: PLR0913 (a voice's recipe, by name)
            female_f0: tuple[float, float], syllable_s: tuple[float, float], pause_s: tuple[float, float],
            vowels: str, brightness: float, drive: float, gains: tuple[float, float]) -> None:
    """Add `voices` people talking, each for one loop length, into the loop `buf`."""
    loop_s = len(buf) / SAMPLE_RATE
    for _ in range(voices):
        lo, hi = male_f0 if rng.random() < 0.6 else female_f0
        base_hz = rng.uniform(lo, hi)
        gain = rng.uniform(*gains)  # near and far people
        t = rng.uniform(0.0, loop_s)
        end = t + loop_s
        while t < end:
            count = int(rng.integers(2, 7))
            for k in range(count):  # a phrase: the pitch falls towards its end
                dur = rng.uniform(*syllable_s)
                f0 = base_hz * (1.12 - 0.2 * k / count) * 2.0 ** rng.normal(0.0, 0.04)
                syl = syllable(rng, dur, f0, vowels[int(rng.integers(len(vowels)))],
                               glide=rng.uniform(0.0, 0.1), brightness=brightness, drive=drive,
                               consonant=bool(rng.random() < 0.5))
                _add_wrapped(buf, _n(t), gain * rng.uniform(0.7, 1.0) * syl / np.abs(syl).max())
                t += dur * rng.uniform(0.85, 1.0)
            t += rng.uniform(*pause_s)


def _burst_noise(rng: Rng, dur_s: float, decay_s: float, response: Response) -> np.ndarray:
    n = _n(dur_s)
    x = rng.standard_normal(n) * np.exp(-np.arange(n) / (decay_s * SAMPLE_RATE))
    return _padded_filter(x, response, tail=256)


# --- the sounds -------------------------------------------------------------------------------


def crowd_calm(rng: Rng) -> np.ndarray:
    """A 3 s loop of murmur: forty people talking at conversational pitch, near and far, under
    the hubbub of the street, heard from a little way off (the highs fall away)."""
    buf = np.zeros(_n(3.0))
    _babble(rng, buf, 40, male_f0=(95.0, 135.0), female_f0=(175.0, 235.0), syllable_s=(0.11, 0.26),
            pause_s=(0.25, 1.2), vowels="aaeiou", brightness=0.0, drive=0.0, gains=(0.15, 0.6))
    buf = _filter(buf, _chain(_lowpass(2200.0, 2), _highpass(120.0)))
    buf /= np.sqrt(np.mean(buf * buf))
    hubbub = _noise(rng, len(buf), _chain(_band(450.0, 1.2), _lowpass(1500.0)))
    buf = buf + 0.25 * hubbub * _slow_wobble(rng, len(buf), 2.0, 0.3)
    return _reverb(buf, rng, decay_s=0.6, wet=0.35)


def crowd_angry(rng: Rng) -> np.ndarray:
    """A 3 s loop of an angry crowd: sixty raised, rough voices, a two-syllable chant by thirty
    people twice a loop ("tu-RUN! ... tu-RUN!"), single yells, and stamping feet on the beat."""
    buf = np.zeros(_n(3.0))
    _babble(rng, buf, 60, male_f0=(150.0, 230.0), female_f0=(260.0, 340.0), syllable_s=(0.15, 0.4),
            pause_s=(0.08, 0.45), vowels="aaaooeu", brightness=0.7, drive=2.0, gains=(0.2, 0.8))
    buf /= np.sqrt(np.mean(buf * buf))

    chant = np.zeros_like(buf)
    beats_s = (0.0, 1.5)
    pattern = (("u", 0.0, 0.17, 1.05), ("u", 0.26, 0.42, 1.0))  # (vowel, onset s, length s, pitch factor)
    for _ in range(30):
        f0 = rng.uniform(150.0, 220.0)
        gain = rng.uniform(0.5, 1.0)
        for beat in beats_s:
            for vowel, onset, dur, factor in pattern:
                at = beat + onset + rng.normal(0.0, 0.025)  # people are never quite together
                syl = syllable(rng, dur * rng.uniform(0.9, 1.1), f0 * factor, vowel, glide=0.12,
                               brightness=0.8, drive=3.0, consonant=True)
                _add_wrapped(chant, _n(at), gain * syl / np.abs(syl).max())
    chant /= np.sqrt(np.mean(chant * chant))

    yells = np.zeros_like(buf)
    for _ in range(5):
        syl = syllable(rng, rng.uniform(0.4, 0.8), rng.uniform(220.0, 330.0), "ao"[int(rng.integers(2))],
                       glide=rng.uniform(0.2, 0.35), brightness=1.0, drive=4.0)
        _add_wrapped(yells, _n(rng.uniform(0.0, 3.0)), syl / np.abs(syl).max())
    yells /= max(float(np.sqrt(np.mean(yells * yells))), 1e-9)

    stamps = np.zeros_like(buf)
    for beat in (0.0, 0.75, 1.5, 2.25):
        for _ in range(20):
            thud = _burst_noise(rng, 0.08, 0.02, _chain(_lowpass(220.0, 2), _highpass(40.0)))
            _add_wrapped(stamps, _n(beat + rng.normal(0.0, 0.03)), thud * rng.uniform(0.5, 1.0))
    stamps /= np.sqrt(np.mean(stamps * stamps))

    mix = 0.8 * buf + 1.3 * chant + 0.4 * yells + 0.45 * stamps
    mix = _filter(mix, _chain(_lowpass(3500.0, 2), _highpass(90.0)))
    mix = _reverb(mix, rng, decay_s=0.7, wet=0.3)
    # Squeeze the peaks: louder for the same peak level, and rougher.
    mix /= np.abs(mix).max()
    return np.tanh(1.8 * mix)


def whistle(rng: Rng) -> np.ndarray:
    """A police pea whistle blown twice, short-long (0.2 s, 0.33 s): a 2.8 kHz tone whose pea,
    spinning in the chamber, warbles its pitch and loudness about 28 times a second."""
    out = np.zeros(_n(0.65))
    for start_s, dur_s in ((0.01, 0.2), (0.27, 0.33)):
        n = _n(dur_s)
        t = np.arange(n) / SAMPLE_RATE
        trill_hz = rng.uniform(26.0, 31.0)
        trill = np.sin(2 * np.pi * trill_hz * t + rng.uniform(0, 2 * np.pi))
        overblow = 1.0 - 0.06 * np.exp(-t / 0.012)  # the pitch rises as the breath builds
        freq = rng.uniform(2750.0, 2850.0) * overblow * (1.0 + 0.035 * trill)
        phase = 2 * np.pi * np.cumsum(freq) / SAMPLE_RATE
        tone = np.sin(phase) + 0.18 * np.sin(2 * phase) + 0.06 * np.sin(3 * phase)
        tone *= 1.0 - 0.4 * (0.5 + 0.5 * np.sin(2 * np.pi * trill_hz * t + 1.2))  # the pea blocks the slot
        breath = _noise(rng, n, _chain(_band(2800.0, 0.35))) * 0.12 + _noise(rng, n, _highpass(1500.0)) * 0.04
        blast = (tone + breath) * _envelope(n, _n(0.008), _n(0.025))
        out[_n(start_s): _n(start_s) + n] += blast
    return out


def alert(rng: Rng) -> np.ndarray:
    """A radio alert, as a handy-talky gives it: a burst of squelch, then two falling beeps
    (1.4 kHz, 1.0 kHz, 0.11 s each) through the little speaker's band."""
    out = np.zeros(_n(0.42))
    squelch = _noise(rng, _n(0.05), _band(2000.0, 1.5)) * 0.25 * _envelope(_n(0.05), _n(0.003), _n(0.02))
    out[: len(squelch)] += squelch
    for start_s, freq in ((0.07, 1400.0), (0.22, 1000.0)):
        n = _n(0.11)
        t = np.arange(n) / SAMPLE_RATE
        tone = np.sign(np.sin(2 * np.pi * freq * t)) * 0.35 + np.sin(2 * np.pi * freq * t) * 0.4
        out[_n(start_s): _n(start_s) + n] += tone * _envelope(n, _n(0.004), _n(0.015))
    return _filter(out, _chain(_band(1500.0, 2.0)))


def megaphone(rng: Rng) -> np.ndarray:
    """"Ha-rap te-nang, mun-dur!" ("keep calm, move back!") shouted through a hand-held
    loudspeaker: a voiced buzz squeezed into the horn's 500-3,500 Hz band, driven into clipping,
    with a slap-back echo from the buildings across the street."""
    words = ((("a", 0.12, 1.05), ("a", 0.2, 1.0)), (("e", 0.13, 1.02), ("a", 0.27, 1.1)),
             (("u", 0.13, 1.08), ("a", 0.25, 0.95)))
    voice = np.zeros(_n(1.35))
    t = 0.02
    for word in words:
        for vowel, dur, factor in word:
            syl = syllable(rng, dur, 150.0 * factor, vowel, glide=0.1, brightness=0.6, drive=1.0,
                           consonant=True)
            end = min(_n(t) + len(syl), len(voice))
            voice[_n(t): end] += syl[: end - _n(t)] / np.abs(syl).max()
            t += dur * 0.95
        t += 0.06
    horn = _chain(_highpass(500.0, 3), _lowpass(3500.0, 3),
                  lambda f: 1.0 + 1.5 * _band(1200.0, 0.25)(f) + 1.0 * _band(2600.0, 0.2)(f))
    x = _filter(voice, horn)
    x /= np.abs(x).max()
    x = np.clip(np.tanh(4.0 * x), -0.8, 0.8)  # the amplifier runs out of headroom
    x = _filter(x, _chain(_highpass(400.0, 2), _lowpass(4000.0, 2)))  # the speaker cone
    x += 0.004 * _noise(rng, len(x), _band(3000.0, 1.0))  # amplifier hiss
    echo = np.zeros_like(x)
    echo[_n(0.09):] = x[: len(x) - _n(0.09)]
    return (x + 0.25 * echo) * _envelope(len(x), _n(0.003), _n(0.05))


def water_cannon(rng: Rng) -> np.ndarray:
    """A 2 s loop of a water cannon spraying: the hiss of the jet, the rush and splatter where
    it lands (swelling as the operator sweeps it), and the truck's pump underneath."""
    n = _n(2.0)
    t = np.arange(n) / SAMPLE_RATE
    hiss = _noise(rng, n, _chain(_highpass(1800.0, 2), _band(5000.0, 1.2)))
    rush = _noise(rng, n, _band(600.0, 1.0)) * _slow_wobble(rng, n, 3.0, 0.35)
    drops = np.zeros(n)
    where = rng.integers(0, n, 600)
    np.add.at(drops, where, rng.lognormal(0.0, 0.6, len(where)))
    splatter = _filter(drops, _band(3500.0, 0.8))
    splatter /= np.sqrt(np.mean(splatter * splatter))
    # The pump: frequencies on whole multiples of the loop's 0.5 Hz, so the tone loops seamlessly.
    pump = sum(a * np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi))
               for f, a in ((48.0, 1.0), (96.0, 0.5), (144.0, 0.25)))
    rumble = _noise(rng, n, _chain(_lowpass(150.0, 2), _highpass(30.0)))
    mix = hiss + 0.8 * rush + 0.35 * splatter + 0.25 * pump + 0.4 * rumble
    mix /= np.abs(mix).max()
    return np.tanh(2.5 * mix)  # trim the rare peaks of the noise: louder for the same peak level


def impact(rng: Rng) -> np.ndarray:
    """A stone on a polycarbonate riot shield (0.25 s): a sharp knock, the shield's plastic
    ringing for a few tens of ms, the dull thud of the arm behind it, and the stone dropping."""
    n = _n(0.25)
    t = np.arange(n) / SAMPLE_RATE
    out = np.zeros(n)
    click = _burst_noise(rng, 0.006, 0.0015, _band(4000.0, 0.7))
    out[: len(click)] += 0.9 * click / np.abs(click).max()
    thud_hz = 110.0 + 50.0 * np.exp(-t / 0.02)  # the pitch drops as the shield gives
    out += np.sin(2 * np.pi * np.cumsum(thud_hz) / SAMPLE_RATE) * np.exp(-t / 0.045)
    for f, a, decay in ((620.0, 0.5, 0.03), (1130.0, 0.35, 0.022), (1870.0, 0.2, 0.015), (2650.0, 0.12, 0.01)):
        out += a * np.sin(2 * np.pi * f * rng.uniform(0.97, 1.03) * t + rng.uniform(0, 2 * np.pi)) * np.exp(-t / decay)
    rattle = _burst_noise(rng, 0.2, 0.06, _band(800.0, 1.0))
    rattle = rattle[:n]
    out[: len(rattle)] += 0.25 * rattle / np.abs(rattle).max()
    drop = _n(0.16)
    bounce = _burst_noise(rng, 0.03, 0.008, _band(1500.0, 1.0))
    out[drop: drop + len(bounce)] += 0.15 * bounce[: n - drop] / np.abs(bounce).max()
    return out * _envelope(n, _n(0.0005), _n(0.02))


def fire(rng: Rng) -> np.ndarray:
    """A 2 s loop of burning tyres: a low, flickering roar and the crackle and pop of the rubber."""
    n = _n(2.0)
    roar = _noise(rng, n, _chain(_lowpass(300.0, 2), _highpass(35.0))) * _slow_wobble(rng, n, 4.0, 0.3)
    roar += 0.3 * _noise(rng, n, _band(700.0, 0.8))
    crackle = np.zeros(n)
    for _ in range(40):
        snap = _burst_noise(rng, 0.02, rng.uniform(0.001, 0.004), _band(rng.uniform(1200.0, 5000.0), 0.6))
        _add_wrapped(crackle, int(rng.integers(n)), rng.lognormal(0.0, 0.7) * snap / np.abs(snap).max())
    for _ in range(3):
        pop = _burst_noise(rng, 0.05, 0.01, _band(rng.uniform(400.0, 900.0), 0.7))
        _add_wrapped(crackle, int(rng.integers(n)), 3.0 * pop / np.abs(pop).max())
    return roar + 0.8 * crackle


def _chant(rng: Rng, words: tuple[tuple[str, float, float, float], ...], *, beat_s: float, voices: int) -> np.ndarray:
    """A loop of one bar of four beats: `voices` people shouting `words` together (each a
    (vowel, onset in beats, length in beats, pitch factor)) and clapping on every beat."""
    buf = np.zeros(_n(4 * beat_s))
    for _ in range(voices):
        f0 = rng.uniform(140.0, 230.0) if rng.random() < 0.7 else rng.uniform(250.0, 320.0)
        gain = rng.uniform(0.4, 1.0)  # near and far people
        for vowel, onset, beats, factor in words:
            at = onset * beat_s + rng.normal(0.0, 0.02)  # people are never quite together
            syl = syllable(rng, beats * beat_s * rng.uniform(0.85, 1.0), f0 * factor, vowel, glide=0.12,
                           brightness=0.8, drive=2.5, consonant=True)
            _add_wrapped(buf, _n(at), gain * syl / np.abs(syl).max())
    buf /= np.sqrt(np.mean(buf * buf))
    claps = np.zeros_like(buf)
    for beat in range(4):
        for _ in range(15):
            clap = _burst_noise(rng, 0.03, 0.006, _band(rng.uniform(1000.0, 1800.0), 0.8))
            _add_wrapped(claps, _n(beat * beat_s + rng.normal(0.0, 0.015)), clap * rng.uniform(0.4, 1.0))
    claps /= np.sqrt(np.mean(claps * claps))
    mix = buf + 0.35 * claps
    mix = _filter(mix, _chain(_lowpass(3500.0, 2), _highpass(100.0)))
    mix = _reverb(mix, rng, decay_s=0.6, wet=0.3)
    mix /= np.abs(mix).max()
    return np.tanh(1.5 * mix)


def chant_hidup(rng: Rng) -> np.ndarray:
    """A 2 s loop, 120 beats a minute: "HI-dup RAK-yat!" (live the people!) by 25 voices."""
    words = (("i", 0.0, 0.45, 1.1), ("u", 0.5, 0.45, 1.0), ("a", 1.0, 0.45, 1.1), ("a", 1.5, 0.9, 0.95))
    return _chant(rng, words, beat_s=0.5, voices=25)


def chant_tolak(rng: Rng) -> np.ndarray:
    """A 2 s loop: "TO-lak! TO-lak!" (we refuse!), two stamps of two syllables, by 25 voices."""
    words = (("o", 0.0, 0.45, 1.1), ("a", 0.5, 0.7, 0.95), ("o", 2.0, 0.45, 1.1), ("a", 2.5, 0.7, 0.95))
    return _chant(rng, words, beat_s=0.5, voices=25)


def chant_turun(rng: Rng) -> np.ndarray:
    """A 2.2 s loop, a little slower: "tu-RUN, tu-RUN, tu-RUN!" (step down!), by 25 voices."""
    words = (("u", 0.0, 0.3, 1.0), ("u", 0.5, 0.45, 1.12), ("u", 1.0, 0.3, 1.0), ("u", 1.5, 0.45, 1.12),
             ("u", 2.0, 0.3, 1.0), ("u", 2.5, 1.0, 1.15))
    return _chant(rng, words, beat_s=0.55, voices=25)


def click(rng: Rng) -> np.ndarray:
    """A button's click (40 ms): a tick of bright noise on a short 2 kHz knock."""
    n = _n(0.04)
    t = np.arange(n) / SAMPLE_RATE
    knock = np.sin(2 * np.pi * 2000.0 * t) * np.exp(-t / 0.004)
    tick = _burst_noise(rng, 0.004, 0.0008, _band(5000.0, 0.8))[:n]
    out = knock.copy()
    out[: len(tick)] += 0.6 * tick / np.abs(tick).max()
    return out * _envelope(n, _n(0.0003), _n(0.01))


def confirm(rng: Rng) -> np.ndarray:
    """An order acknowledged (0.2 s): two soft rising sine tones, 880 Hz then 1,320 Hz."""
    out = np.zeros(_n(0.2))
    for start_s, freq in ((0.0, 880.0), (0.08, 1320.0)):
        n = _n(0.11)
        t = np.arange(n) / SAMPLE_RATE
        tone = (np.sin(2 * np.pi * freq * t) + 0.1 * np.sin(4 * np.pi * freq * t + rng.uniform(0, 1)))
        out[_n(start_s): _n(start_s) + n] += tone * np.exp(-t / 0.05) * _envelope(n, _n(0.003), _n(0.02))
    return out


SOUNDS: dict[str, Callable[[Rng], np.ndarray]] = {
    "crowd_calm": crowd_calm,
    "crowd_angry": crowd_angry,
    "whistle": whistle,
    "alert": alert,
    "megaphone": megaphone,
    "water_cannon": water_cannon,
    "impact": impact,
    "fire": fire,
    "chant_hidup": chant_hidup,
    "chant_tolak": chant_tolak,
    "chant_turun": chant_turun,
    "click": click,
    "confirm": confirm,
}
LOOPS = frozenset({"crowd_calm", "crowd_angry", "water_cannon", "fire", "chant_hidup", "chant_tolak", "chant_turun"})

# The megaphone voice lines: what espeak-ng's Indonesian voice says, by file name.
VOICES: dict[str, str] = {
    "voice_imbauan": "Harap tenang, dan tetap tertib!",  # the appeal (imbauan)
    "voice_bubar": "Bubarkan diri, sekarang!",  # the order to disperse (perintah bubar)
    "voice_mundur": "Mundur! Mundur!",  # fall back
}
ESPEAK_ARGS = ("-v", "id", "-s", "165", "-p", "40", "-a", "180")  # Indonesian (not mbrola), a brisk male voice
VOICE_MAX_S = 3.0


# --- output -----------------------------------------------------------------------------------


def to_pcm(x: np.ndarray) -> np.ndarray:
    """Float samples normalised to a peak of `PEAK_DBFS`, as 16-bit integers."""
    peak = 10.0 ** (PEAK_DBFS / 20.0)
    return np.round(x * (peak * 32767.0 / np.abs(x).max())).astype(np.int16)


def synthesise(name: str) -> np.ndarray:
    """The 16-bit samples of one sound (a key of `SOUNDS`)."""
    rng = np.random.default_rng([SEED, zlib.crc32(name.encode())])
    return to_pcm(SOUNDS[name](rng))


def wav_bytes(samples: np.ndarray) -> bytes:
    """A 16-bit mono WAV file of `samples` at `SAMPLE_RATE`."""
    data = io.BytesIO()
    with wave.open(data, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(samples.astype("<i2").tobytes())
    return data.getvalue()


def generate(out_dir: Path = ASSETS_DIR) -> list[Path]:
    """Write every sound as `out_dir/NAME.wav` (atomically); return the paths.

    Raises:
        OutputError: a file cannot be written.
    """
    paths = []
    for name in SOUNDS:
        path = out_dir / f"{name}.wav"
        with atomic_bytes(path) as out:
            out.write(wav_bytes(synthesise(name)))
        paths.append(path)
    return paths


# --- the voice lines (espeak-ng) --------------------------------------------------------------


def megaphone_filter(x: np.ndarray) -> np.ndarray:
    """Speech as a hand-held loudspeaker gives it: band-passed to 300-3,000 Hz with the horn's
    resonances, driven into soft clipping, and a slap-back echo from across the street."""
    horn = _chain(_highpass(300.0, 3), _lowpass(3000.0, 3),
                  lambda f: 1.0 + 1.2 * _band(1100.0, 0.3)(f) + 0.8 * _band(2400.0, 0.25)(f))
    y = _padded_filter(x / max(float(np.abs(x).max()), 1e-12), horn, tail=_n(0.12))
    y /= max(float(np.abs(y).max()), 1e-12)
    y = np.tanh(3.0 * y) / np.tanh(3.0)  # the amplifier runs out of headroom
    y = _padded_filter(y, _chain(_highpass(300.0, 2), _lowpass(3000.0, 2)), tail=0)  # the cone
    echo = np.zeros_like(y)
    echo[_n(0.09):] = y[: len(y) - _n(0.09)]
    y = y + 0.22 * echo
    return y * _envelope(len(y), _n(0.003), _n(0.04))


def _trim(x: np.ndarray, floor: float = 0.01, margin_s: float = 0.03) -> np.ndarray:
    """`x` without the silence espeak-ng puts before and after the words."""
    loud = np.flatnonzero(np.abs(x) > floor * np.abs(x).max())
    if len(loud) == 0:
        return x
    return x[max(0, loud[0] - _n(margin_s)): loud[-1] + _n(margin_s)]


def speak(text: str) -> np.ndarray:
    """`text` spoken by espeak-ng's Indonesian voice, as float samples at `SAMPLE_RATE`.

    Raises:
        OutputError: espeak-ng is not installed or fails.
    """
    program = shutil.which("espeak-ng")
    if program is None:
        raise OutputError("espeak-ng is not installed (Debian: apt-get install espeak-ng)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "voice.wav"
        done = subprocess.run([program, *ESPEAK_ARGS, "-w", str(path), text],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0 or not path.exists():
            raise OutputError(f"espeak-ng failed on {text!r}: {done.stderr.strip()}")
        with wave.open(str(path), "rb") as w:
            rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
            data = w.readframes(w.getnframes())
    if width != 2 or channels != 1:
        raise OutputError(f"espeak-ng wrote {channels} channels of {8 * width} bits, not 16-bit mono")
    x = np.frombuffer(data, "<i2").astype(float)
    if rate != SAMPLE_RATE:  # espeak-ng speaks at 22,050 Hz; a linear resample if a build differs
        x = np.interp(np.arange(round(len(x) * SAMPLE_RATE / rate)) * rate / SAMPLE_RATE, np.arange(len(x)), x)
    return _trim(x)


def generate_voices(out_dir: Path = ASSETS_DIR) -> list[Path]:
    """Write every voice line as `out_dir/NAME.wav` (atomically); return the paths.

    Raises:
        OutputError: espeak-ng is missing or fails, a line is longer than `VOICE_MAX_S`, or a
            file cannot be written.
    """
    paths = []
    for name, line in VOICES.items():
        x = megaphone_filter(speak(line))
        if len(x) > _n(VOICE_MAX_S):
            raise OutputError(f"{name}: {len(x) / SAMPLE_RATE:.2f} s is longer than {VOICE_MAX_S} s")
        path = out_dir / f"{name}.wav"
        with atomic_bytes(path) as out:
            out.write(wav_bytes(to_pcm(x)))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Generate the sounds and print one line per file."""
    parser = argparse.ArgumentParser(prog="python -m sispam.ui.sound_gen", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ASSETS_DIR, help=f"folder to write into (default {ASSETS_DIR})")
    parser.add_argument("--voices", action="store_true",
                        help="make the megaphone voice lines with espeak-ng instead of the numpy sounds")
    args = parser.parse_args(argv)
    try:
        paths = generate_voices(args.out) if args.voices else generate(args.out)
    except OutputError as e:
        print(e, file=sys.stderr)
        return 2
    total = 0
    for path in paths:
        size = path.stat().st_size
        total += size
        with wave.open(str(path), "rb") as w:
            seconds = w.getnframes() / w.getframerate()
        print(f"{path}  {seconds:.2f} s  {size / 1024:.0f} KB")
    print(f"total {total / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
