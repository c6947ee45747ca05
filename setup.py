"""Optional mypyc build of the hot modules; all metadata lives in pyproject.toml.

`pip install .` compiles the modules in COMPILED with mypyc when it can, and otherwise installs the
same package as pure Python: a missing compiler, a missing Python.h or a mypy error must never fail
an install, since compiling is only there to make the checks faster.
BUDGETAUDIT_PURE=1 skips compilation; editable installs never compile (a .so in the source tree
would shadow the .py being edited).
"""

import glob
import importlib.machinery
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build import build
from setuptools.command.build_ext import build_ext


# The hot path of read, extract and check; the CLI, configuration, readers and reports stay pure
# Python. readers/compose.py is compiled because it subclasses Source: a compiled class cannot have an
# interpreted subclass. A pattern's __init__.py is left out. (Literals only: tests/test_build.py reads
# these two names from this file's syntax tree.)
COMPILED = [
    "budgetaudit/concepts.py", "budgetaudit/crossref.py", "budgetaudit/document.py", "budgetaudit/engine.py",
    "budgetaudit/evaluation.py", "budgetaudit/evaluation_cells.py", "budgetaudit/evaluation_line.py", "budgetaudit/figures.py", "budgetaudit/relations.py", "budgetaudit/words.py",
    "budgetaudit/context.py", "budgetaudit/own_year.py", "budgetaudit/rootcause.py", "budgetaudit/sentences.py", "budgetaudit/source.py", "budgetaudit/normalise.py", "budgetaudit/title.py",
    "budgetaudit/prose/*.py", "budgetaudit/tables/*.py", "budgetaudit/kinds/*.py", "budgetaudit/readers/compose.py",
]
# mypyc compiles only code mypy accepts with these flags, and checks every annotation at run time: an
# annotation that does not hold is a TypeError in the compiled build alone. tests/test_build.py runs
# mypy with the same flags.
MYPY_FLAGS = ["--ignore-missing-imports", "--disable-error-code=import-untyped"]
# The modules are compiled into one shared library, where a call from one module's C file to another's goes
# through the PLT, as a call into any other library would: with its symbols hidden and no interposition
# assumed, such a call is direct (bench section 2: 3-4% faster). A compiler that refuses a flag is not given it.
CALL_FLAGS = ["-fvisibility=hidden", "-fno-semantic-interposition", "-fno-plt"]


def compiled_modules() -> list[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    return [
        path for pattern in COMPILED for path in sorted(glob.glob(pattern, root_dir=here))
        if not path.endswith("__init__.py")
    ]


def compiling() -> bool:
    return os.environ.get("BUDGETAUDIT_PURE", "") in ("", "0")


class MaybeCompiledDistribution(Distribution):
    # The extensions are only known once mypyc has run (inside build_ext, so that sdist and the
    # metadata hooks never type-check); saying so up front makes `build` run build_ext at all.
    def has_ext_modules(self):
        return compiling() or bool(self.ext_modules)


class Build(build):
    def run(self):
        # pip builds in ./build, which survives between installs: a .so left by an earlier compiled
        # build would otherwise be installed by a pure one, beside .py files it no longer matches.
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            pattern = os.path.join(self.build_lib, "**", "*" + suffix)
            for stale in glob.glob(pattern, recursive=True):
                os.remove(stale)
        super().run()


class MypycBuildExt(build_ext):
    def run(self):
        if not compiling() or self.editable_mode or self.inplace:
            return
        try:
            from mypyc.build import mypycify

            cache = f"--cache-dir={self.build_temp}/mypy_cache"
            extensions = mypycify(
                [*MYPY_FLAGS, cache, *compiled_modules()],
                opt_level="3",
                multi_file=True,
                target_dir=os.path.join(self.build_temp, "mypyc"),
            )
            # Finalize again from scratch now that the extensions exist: setuptools keeps
            # per-extension state that only finalize_options sets up.
            self.distribution.ext_modules = extensions
            self.distribution.reinitialize_command(self)
            self.ensure_finalized()
            super().run()
        # mypycify reports type errors with sys.exit, hence SystemExit.
        except (Exception, SystemExit) as error:
            # All or nothing: every shim imports the shared <hash>__mypyc module, so a partly
            # built set would break imports; remove whatever was built and stay pure.
            for ext in self.distribution.ext_modules or []:
                path = self.get_ext_fullpath(ext.name)
                if os.path.exists(path):
                    os.remove(path)
            self.distribution.ext_modules = self.extensions = []
            self.warn(f"mypyc build failed, installing pure Python budgetaudit: {error!r}")

    def build_extensions(self):
        if self.compiler.compiler_type == "unix":
            flags = accepted_flags(self.compiler, CALL_FLAGS, self.build_temp)
            for ext in self.extensions:
                ext.extra_compile_args = [*(ext.extra_compile_args or []), *flags]
        # multi_file gives one C file per module, but distutils compiles the files of one extension
        # one after the other, and the extensions (the shared library, then a small shim per
        # module) one after the other too: run every C file on its own thread, as many compilers
        # at a time as there are cores.
        compile_one_by_one = self.compiler.compile
        cores = os.cpu_count() or 1
        slots = threading.BoundedSemaphore(cores)

        def compile_one(source, *args, **kwargs):
            with slots:
                return compile_one_by_one([source], *args, **kwargs)

        def compile_side_by_side(sources, *args, **kwargs):
            with ThreadPoolExecutor(cores) as pool:
                done = pool.map(lambda source: compile_one(source, *args, **kwargs), sources)
                return [obj for objs in done for obj in objs]

        self.compiler.compile = compile_side_by_side
        self.parallel = self.parallel or cores
        super().build_extensions()


def accepted_flags(compiler, flags: list[str], scratch: str) -> list[str]:
    """The flags the compiler takes without a warning, each tried on its own on an empty C file."""
    os.makedirs(scratch, exist_ok=True)
    probe = os.path.join(scratch, "budgetaudit_flag_probe.c")
    with open(probe, "w", encoding="ascii") as out:
        out.write("int budgetaudit_flag_probe(void) { return 0; }\n")
    accepted = []
    for flag in flags:
        try:
            compiler.compile([probe], output_dir=scratch, extra_postargs=[flag, "-Werror"])
        except Exception:  # CompileError, or anything else a toolchain raises: the flag is left out
            continue
        accepted.append(flag)
    return accepted


class BdistWheel(bdist_wheel):
    def get_tag(self):
        # Tag a wheel whose compilation failed or was skipped as the pure wheel it is.
        self.root_is_pure = not self.distribution.ext_modules
        return super().get_tag()


setup(
    distclass=MaybeCompiledDistribution,
    cmdclass={"build": Build, "build_ext": MypycBuildExt, "bdist_wheel": BdistWheel},
)
