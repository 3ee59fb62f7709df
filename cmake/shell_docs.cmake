# cmake -DTECTONIC=path/to/tectonic -DOUT=dir -P shell_docs.cmake
# Generates what the package ships beside the binary, from the binary's own command
# definitions: man pages (OUT/man1/*.1.gz, compressed reproducibly with gzip -n) and completion
# scripts (OUT/completions/bash/tectonic, OUT/completions/zsh/_tectonic).
find_program(GZIP_EXECUTABLE gzip REQUIRED)

file(REMOVE_RECURSE ${OUT}/man1 ${OUT}/completions)
file(MAKE_DIRECTORY ${OUT}/man1 ${OUT}/completions/bash ${OUT}/completions/zsh)

execute_process(COMMAND ${TECTONIC} man --dir ${OUT}/man1 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TECTONIC} man --dir ${OUT}/man1 failed (${rc})")
endif()
file(GLOB pages ${OUT}/man1/*.1)
if(NOT pages)
  message(FATAL_ERROR "${TECTONIC} man wrote no page into ${OUT}/man1")
endif()
execute_process(COMMAND ${GZIP_EXECUTABLE} -9 -n -f ${pages} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip of the man pages failed (${rc})")
endif()

foreach(shell bash zsh)
  if(shell STREQUAL zsh)
    set(file ${OUT}/completions/zsh/_tectonic)
  else()
    set(file ${OUT}/completions/bash/tectonic)
  endif()
  execute_process(COMMAND ${TECTONIC} completion ${shell} OUTPUT_FILE ${file} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${TECTONIC} completion ${shell} failed (${rc})")
  endif()
endforeach()
