# cmake -DWEB_DIR=<web> -DNPM=<npm> -P build_web.cmake
# `npm ci` when web/node_modules is missing, then `npm run build` (web/dist). A failure is
# reported, not fatal: the previous web/dist (or the placeholder) is embedded, so a frontend
# mid-edit never breaks the C++ build; the browser tests catch a broken wizard.
cmake_minimum_required(VERSION 3.25)
if(NOT EXISTS "${WEB_DIR}/node_modules")
  execute_process(COMMAND "${NPM}" ci --no-audit --no-fund WORKING_DIRECTORY "${WEB_DIR}"
                  RESULT_VARIABLE ci_result)
  if(NOT ci_result EQUAL 0)
    message(WARNING "tectonic gui: 'npm ci' failed in ${WEB_DIR} (${ci_result}); embedding what "
                    "web/dist holds (or a placeholder)")
    return()
  endif()
endif()
execute_process(COMMAND "${NPM}" run build WORKING_DIRECTORY "${WEB_DIR}"
                RESULT_VARIABLE build_result)
if(NOT build_result EQUAL 0)
  message(WARNING "tectonic gui: 'npm run build' failed in ${WEB_DIR} (${build_result}); "
                  "embedding what web/dist holds (or a placeholder)")
endif()
