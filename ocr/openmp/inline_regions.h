// libgomp's entry points that libtesseract imports, defined by ocr/openmp/inline_regions.cc
// so that an executable linking that object runs Tesseract's OpenMP regions inline (why, and
// the thread contract: inline_regions.cc). Nothing in sohoa calls them; declared here so that
// their definitions are checked against libgomp's signatures (libgomp/libgomp_g.h).
#ifndef SOHOA_OCR_OPENMP_INLINE_REGIONS_H_
#define SOHOA_OCR_OPENMP_INLINE_REGIONS_H_

extern "C" {
void GOMP_parallel(void (*body)(void*), void* data, unsigned num_threads, unsigned flags);
void GOMP_parallel_sections(void (*body)(void*), void* data, unsigned num_threads, unsigned count,
                            unsigned flags);
unsigned GOMP_sections_next();
void GOMP_sections_end_nowait();
}

#endif  // SOHOA_OCR_OPENMP_INLINE_REGIONS_H_
