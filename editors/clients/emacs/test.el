;;; test.el --- The .xmap language server driven by Emacs's eglot  -*- lexical-binding: t; -*-

;; Loads editors/emacs/xmap-mode.el (the mode and eglot entry docs/editors.md tells users to load),
;; opens ../mistakes.xmap, and checks diagnostics (through Flymake, as a user sees them), a hover and
;; a completion against ../mistakes.expected.json, as the Node and Neovim client tests do. Run:
;;   emacs --batch -l editors/clients/emacs/test.el
;; MAPDSL_LSP_DLL overrides the server dll. Exits 0 when every check passes, 1 otherwise.

;;; Code:

(require 'package)
(package-initialize)            ; Debian's elpa-eglot (Emacs 28) is a package; Emacs 29 has eglot built in
(require 'eglot)
(require 'json)
(require 'cl-lib)

(defconst xmap-test-here (file-name-directory (or load-file-name buffer-file-name)))
(defconst xmap-test-repository (expand-file-name "../../.." xmap-test-here))
(defconst xmap-test-dll
  (or (getenv "MAPDSL_LSP_DLL")
      (expand-file-name "src/LanguageServer/bin/Debug/net10.0/MapDsl.LanguageServer.dll" xmap-test-repository)))
;; Generous: the first start of a .NET server on a loaded 2-core machine takes seconds.
(defconst xmap-test-timeout 60)

(defvar xmap-test-failures 0)

(defun xmap-test-check (condition message)
  (if condition
      (princ (format "ok: %s\n" message))
    (setq xmap-test-failures (1+ xmap-test-failures))
    (princ (format "FAILED: %s\n" message))))

(defun xmap-test-wait (predicate)
  "Process server output until PREDICATE holds or the timeout passes; return PREDICATE's value."
  (let ((deadline (+ (float-time) xmap-test-timeout)) (value nil))
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun xmap-test-point (line character)
  "The buffer position of 0-based LINE and CHARACTER (the file is ASCII, so a character is a column)."
  (save-excursion
    (goto-char (point-min))
    (forward-line line)
    (+ (point) character)))

(defun xmap-test-position-params (line character)
  (save-excursion
    (goto-char (xmap-test-point line character))
    (eglot--TextDocumentPositionParams)))

(defun xmap-test-run ()
  (let* ((json-object-type 'alist) (json-array-type 'list) (json-key-type 'symbol)
         (expected (json-read-file (expand-file-name "../mistakes.expected.json" xmap-test-here)))
         (file (expand-file-name (concat "../" (alist-get 'file expected)) xmap-test-here)))
    (xmap-test-check (file-readable-p xmap-test-dll) (format "the server is built: %s" xmap-test-dll))
    (load (expand-file-name "editors/emacs/xmap-mode.el" xmap-test-repository) nil t)
    ;; eglot asks project.el for the workspace root and prompts if there is none; a copy of the repository without
    ;; .git would then wait on stdin. The repository's root is the fallback.
    (add-hook 'project-find-functions (lambda (_dir) (cons 'transient xmap-test-repository)) 100)
    ;; The entry xmap-mode.el adds names the installed tool; here the server is the freshly built dll.
    (setf (alist-get 'xmap-mode eglot-server-programs) (list "dotnet" xmap-test-dll "--stdio"))
    (with-current-buffer (find-file-noselect file)
      (xmap-test-check (eq major-mode 'xmap-mode) "the .xmap file opens in xmap-mode")
      (apply #'eglot (eglot--guess-contact))
      (let ((server (xmap-test-wait (lambda () (eglot-current-server)))))
        (xmap-test-check server "eglot connected to the server")
        (when server
          (xmap-test-diagnostics expected)
          (xmap-test-hover server expected)
          (xmap-test-completion server expected)
          ;; shutdown then exit, as on quitting the editor; the server must go away by itself (eglot-shutdown would
          ;; kill the process right after exit, hiding whether it does).
          (let ((process (jsonrpc--process server)))
            (jsonrpc-request server :shutdown nil)
            (jsonrpc-notify server :exit nil)
            (xmap-test-wait (lambda () (not (process-live-p process))))
            (xmap-test-check (and (not (process-live-p process)) (eq (process-exit-status process) 0))
                             (format "the server exited with 0 after shutdown and exit (%s)" (process-exit-status process)))))))))

(defun xmap-test-diagnostics (expected)
  (let* ((want (alist-get 'diagnostics expected))
         (got (xmap-test-wait (lambda ()
                                (flymake-start)
                                (let ((found (flymake-diagnostics)))
                                  (and (>= (length found) (length want)) found))))))
    (setq got (sort (copy-sequence got) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
    (dolist (d got)
      (princ (format "diagnostic %s %s\n" (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
    (xmap-test-check (= (length got) (length want)) (format "%d diagnostics (expected %d)" (length got) (length want)))
    (cl-loop for w in want
             for d in got
             for i from 1
             do (let ((text (flymake-diagnostic-text d))
                      (type (flymake-diagnostic-type d)))
                  (xmap-test-check
                   (and (= (flymake-diagnostic-beg d) (xmap-test-point (alist-get 'line w) (alist-get 'character w)))
                        (string-match-p (regexp-quote (alist-get 'code w)) text)
                        (string-match-p (regexp-quote (alist-get 'message w)) text)
                        ;; eglot's Flymake types: severity 1 is an error, 2 a warning.
                        (memq type (if (= (alist-get 'severity w) 1) '(eglot-error :error) '(eglot-warning :warning))))
                   (format "diagnostic %d is %s at %d:%d, \"%s\"" i (alist-get 'code w)
                           (1+ (alist-get 'line w)) (1+ (alist-get 'character w)) (alist-get 'message w)))))))

(defun xmap-test-hover (server expected)
  (let* ((at (alist-get 'hover expected))
         (hover (jsonrpc-request server :textDocument/hover (xmap-test-position-params (alist-get 'line at) (alist-get 'character at))))
         (contents (plist-get hover :contents))
         (value (plist-get contents :value)))
    (princ (format "hover at %d:%d: %S\n" (1+ (alist-get 'line at)) (1+ (alist-get 'character at)) contents))
    (xmap-test-check (equal (plist-get contents :kind) "markdown") "hover is markdown")
    (dolist (text (alist-get 'contains at))
      (xmap-test-check (and (stringp value) (string-match-p (regexp-quote text) value)) (format "hover contains \"%s\"" text)))))

(defun xmap-test-completion (server expected)
  (let* ((at (alist-get 'completion expected))
         (result (jsonrpc-request server :textDocument/completion (xmap-test-position-params (alist-get 'line at) (alist-get 'character at))))
         (items (append (if (vectorp result) result (plist-get result :items)) nil))
         (labels (sort (mapcar (lambda (item) (plist-get item :label)) items) #'string<)))
    (princ (format "completion at %d:%d: %S\n" (1+ (alist-get 'line at)) (1+ (alist-get 'character at)) labels))
    (xmap-test-check (equal labels (sort (copy-sequence (alist-get 'labels at)) #'string<))
                     (format "completion labels are %s" (mapconcat #'identity (alist-get 'labels at) ", ")))))

(condition-case err
    (xmap-test-run)
  (error (setq xmap-test-failures (1+ xmap-test-failures))
         (princ (format "FAILED: %s\n" (error-message-string err)))))
(princ (format "emacs client: %s\n" (if (= xmap-test-failures 0) "all checks passed" (format "%d checks failed" xmap-test-failures))))
(kill-emacs (if (= xmap-test-failures 0) 0 1))

;;; test.el ends here
