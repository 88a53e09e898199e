// Tesseract's OpenMP regions, run inline on the calling thread.
//
// sohoa runs pages in parallel itself and caps OpenMP at one thread (OMP_THREAD_LIMIT=1,
// cli/main.cc). Capped, libgomp still builds a team for every region and ends it at a barrier
// whose last thread wakes a futex; Tesseract's LSTM enters a region at every time step of
// every line, so a page made ~126,000 futex system calls and a tenth of the CPU time went to
// libgomp and the kernel (docs/BENCHMARKS.md, "Tesseract's OpenMP regions run inline").
//
// These definitions, linked into the executable, take the place of libgomp's entry points
// that libtesseract imports (the dynamic linker binds the executable's symbols first). Each
// region runs as a team of one would: the body once, sections in order. omp_get_num_threads
// and omp_get_thread_num stay libgomp's; outside any team they answer 1 and 0.
//
// Thread contract: every piece of state is thread_local; a region may nest inside another.
#include "ocr/openmp/inline_regions.h"

namespace {

struct SectionsState {
  unsigned count = 0;  // sections in the innermost running `parallel sections` region
  unsigned next = 1;   // the next section to hand out, 1-based as libgomp numbers them
};

thread_local SectionsState current_sections;

}  // namespace

extern "C" {

void GOMP_parallel(void (*body)(void*), void* data, unsigned /*num_threads*/, unsigned /*flags*/) {
  body(data);
}

void GOMP_parallel_sections(void (*body)(void*), void* data, unsigned /*num_threads*/,
                            unsigned count, unsigned /*flags*/) {
  const SectionsState outer = current_sections;
  current_sections = SectionsState{count, 1};
  body(data);
  current_sections = outer;
}

unsigned GOMP_sections_next() {
  SectionsState& sections = current_sections;
  return sections.next <= sections.count ? sections.next++ : 0;
}

void GOMP_sections_end_nowait() {}

}  // extern "C"
